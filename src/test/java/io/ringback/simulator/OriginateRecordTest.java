package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginateRecordTest {

    @ParameterizedTest(name = "{0} dials {1}")
    @CsvSource({
            "Local/9101@outbound, 9101",
            "PJSIP/0555@trunk, 0555",
            "SIP/provider/0555123, 0555123",
            "PJSIP/+49 555 1234@trunk, 495551234"})
    void dialedNumberIsTheDigitsOfTheChannelsResource(String channel, String dialed) {
        assertThat(record("1_1#cb-1", channel).dialedNumber()).isEqualTo(dialed);
    }

    @ParameterizedTest(name = "{0} was chosen as {1}")
    @CsvSource({"454325163_4#cb-1, cb-1", "cb-1, cb-1", "454325163_4#, ''"})
    void clientActionIdDropsTheAsteriskJavaPrefix(String actionId, String clientActionId) {
        assertThat(record(actionId, "Local/9101@outbound").clientActionId()).isEqualTo(clientActionId);
    }

    private static OriginateRecord record(String actionId, String channel) {
        return new OriginateRecord(actionId, channel, "callback", "s", "1", null, null, null, null, Instant.now());
    }
}
