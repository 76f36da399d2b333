package io.ringback.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttemptOutcomeTest {

    /** Reason codes as Asterisk 22 sends them (shared/ami-transcripts/originate.txt). */
    @ParameterizedTest
    @CsvSource({"4, ANSWERED", "5, BUSY", "3, NO_ANSWER", "8, CONGESTION", "1, FAILED", "0, FAILED", "7, FAILED"})
    void everyOriginateReasonCodeMapsToAnOutcome(int reason, AttemptOutcome outcome) {
        assertThat(AttemptOutcome.fromReasonCode(reason)).isEqualTo(outcome);
    }
}
