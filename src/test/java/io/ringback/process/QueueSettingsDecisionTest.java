package io.ringback.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped {@code dmn/queue-settings.dmn}, evaluated by the engine. */
class QueueSettingsDecisionTest {

    static ProcessTestEngine engine;

    @BeforeAll
    static void start() {
        engine = new ProcessTestEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static QueueSettings settingsFor(String queue) throws Exception {
        String output = engine.client().newEvaluateDecisionCommand().decisionId(CallbackProcess.Decisions.QUEUE_SETTINGS)
                .variables(Map.of("queue", queue)).send().join().getDecisionOutput();
        return new ObjectMapper().readValue(output, QueueSettings.class);
    }

    @Test
    void theDemoSupportQueueCallsBackAroundTheClock() throws Exception {
        QueueSettings support = settingsFor("support");
        assertThat(support.enabled()).isTrue();
        assertThat(support.timeCondition()).isEqualTo("always");
        assertThat(support.maxAttempts()).isEqualTo(3);
        assertThat(support.problems()).isEmpty();
    }

    @Test
    void billingHasCallbacksSwitchedOff() throws Exception {
        assertThat(settingsFor("billing").enabled()).isFalse();
    }

    @Test
    void anyOtherQueueGetsTheDefaultRow() throws Exception {
        QueueSettings other = settingsFor("some-new-queue");
        assertThat(other.enabled()).isTrue();
        assertThat(other.timeCondition()).isEqualTo("business-hours");
        assertThat(other.timeLimitSeconds()).isEqualTo(7200);
        assertThat(other.problems()).isEmpty();
    }

    @Test
    void unusableSettingsAreExplained() {
        var broken = new QueueSettings(true, -1L, 60L, 0L, null, 60L, "9a", "m&b", "", "Mars/Olympus", null);
        assertThat(broken.problems()).containsExactly(
                "minimumWaitSeconds must be a number of at least 0",
                "maxAttempts must be a number of at least 0",
                "dialPrefix may contain only digits, *, # and + (at most 20)",
                "callbackMessage must be an Asterisk sound name such as custom/callback (letters, digits, - _ . /, at most 200)",
                "timeCondition is missing",
                "timeZone 'Mars/Olympus' is not a time zone (use an IANA name such as America/Sao_Paulo)");
    }

    @Test
    void enabledCallbacksWithNoAttemptAreRefusedRatherThanDialedOnce() {
        var none = new QueueSettings(true, 0L, 60L, 0L, 0, 60L, "9", "custom/callback", "always", "UTC", true);
        var off = new QueueSettings(false, 0L, 0L, 0L, 0, 0L, "", "", "always", "UTC", null);

        assertThat(none.problems()).singleElement().asString().startsWith("maxAttempts is 0 while callbacks are enabled");
        assertThat(off.problems()).isEmpty();
    }

    @Test
    void aQueueCallsCustomersWhoLeftAfterAnsweringAgainUnlessItsRowSaysNo() throws Exception {
        assertThat(settingsFor("support").retryAbandonedAfterAnswer()).isTrue();
        assertThat(settingsFor("some-new-queue").retryAbandonedAfterAnswer()).isTrue();
    }
}
