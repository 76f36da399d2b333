package io.ringback.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped {@code dmn/abandoned-call-rules.dmn} and {@code dmn/dial-policy.dmn}, evaluated by the engine. */
class SettingsDecisionTest {

    static ProcessTestEngine engine;

    @BeforeAll
    static void start() {
        engine = new ProcessTestEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static AbandonRules rulesFor(String queue) throws Exception {
        String output = engine.client().newEvaluateDecisionCommand()
                .decisionId(CallbackProcess.Decisions.ABANDONED_CALL_RULES)
                .variables(Map.of("queue", queue)).send().join().getDecisionOutput();
        return new ObjectMapper().readValue(output, AbandonRules.class);
    }

    private static DialPolicy policyFor(String origin, String queue) throws Exception {
        String output = engine.client().newEvaluateDecisionCommand().decisionId(CallbackProcess.Decisions.DIAL_POLICY)
                .variables(Map.of("origin", origin, "queue", queue)).send().join().getDecisionOutput();
        return new ObjectMapper().readValue(output, DialPolicy.class);
    }

    @Test
    void theDemoSupportQueueCallsAbandonsBackAroundTheClock() throws Exception {
        assertThat(rulesFor("support").enabled()).isTrue();
        DialPolicy support = policyFor("ABANDONED_CALL", "support");
        assertThat(support.timeCondition()).isEqualTo("always");
        assertThat(support.maxAttempts()).isEqualTo(3);
        assertThat(support.problems(true)).isEmpty();
    }

    @Test
    void billingHasCallbacksOfAbandonedCallsSwitchedOff() throws Exception {
        assertThat(rulesFor("billing").enabled()).isFalse();
    }

    @Test
    void anyOtherQueueGetsTheDefaultRows() throws Exception {
        assertThat(rulesFor("some-new-queue").enabled()).isTrue();
        DialPolicy other = policyFor("ABANDONED_CALL", "some-new-queue");
        assertThat(other.timeCondition()).isEqualTo("business-hours");
        assertThat(other.timeLimitSeconds()).isEqualTo(7200);
        assertThat(other.problems(true)).isEmpty();
    }

    @ParameterizedTest(name = "{0} has a default dial policy of its own")
    @ValueSource(strings = {"ABANDONED_CALL", "SCHEDULED", "WEB", "COURTESY", "CAMPAIGN"})
    void everyOriginHasADefaultRowOfItsOwn(String origin) throws Exception {
        DialPolicy policy = policyFor(origin, "some-new-queue");
        assertThat(policy.problems(!origin.equals("SCHEDULED"))).isEmpty();
    }

    @Test
    void aScheduledCallbackOfAQueueCanBeCalledOtherwiseThanItsAbandons() throws Exception {
        DialPolicy abandon = policyFor("ABANDONED_CALL", "support");
        DialPolicy scheduled = policyFor("SCHEDULED", "support");
        assertThat(scheduled.callbackMessage()).isNotEqualTo(abandon.callbackMessage());
        assertThat(scheduled.retryIntervalSeconds()).isNotEqualTo(abandon.retryIntervalSeconds());
    }

    @Test
    void anOriginWithoutARowGetsNoPolicy() {
        var result = engine.client().newEvaluateDecisionCommand().decisionId(CallbackProcess.Decisions.DIAL_POLICY)
                .variables(Map.of("origin", "TELEPATHY", "queue", "support")).send().join();
        assertThat(result.getDecisionOutput()).isEqualTo("null");
    }

    @Test
    void unusableSettingsAreExplained() {
        var broken = new DialPolicy(60L, null, 60L, -1L, "9a", "m&b", "", "Mars/Olympus", null, -5L, null, null);
        assertThat(broken.problems(true)).containsExactly(
                "agentIdleSeconds must be a whole number from 0 to 86400, not -1",
                "ownerWaitSeconds must be a whole number from 0 to 86400 (or empty), not -5",
                "maxAttempts must be a whole number from 1 to 100 (with no attempt no call would ever be made; to switch "
                        + "callbacks of abandoned calls off, set enabled to false in abandoned-call-rules)",
                "dialPrefix may contain only digits, *, # and + (at most 20)",
                "callbackMessage must be an Asterisk sound name such as custom/callback (letters, digits, - _ . /, at most 200)",
                "timeCondition is missing",
                "timeZone 'Mars/Olympus' is not a time zone (use an IANA name such as America/Sao_Paulo)");
        assertThat(new AbandonRules(null, -1L, null).problems()).containsExactly("enabled is missing",
                "minimumWaitSeconds must be a whole number from 0 to 86400, not -1");
    }

    @Test
    void theSupportQueueSticksToTheLastAgentAndEveryOriginWaitsForItsOwner() throws Exception {
        var rules = engine.client().newEvaluateDecisionCommand().decisionId(CallbackProcess.Decisions.ABANDONED_CALL_RULES)
                .variables(Map.of("queue", "support")).send().join();
        assertThat(rules.getDecisionOutput()).contains("\"ownerIsLastAgent\":true");
        assertThat(policyFor("ABANDONED_CALL", "support").ownerWaitSeconds()).isEqualTo(120L);
        assertThat(policyFor("SCHEDULED", "support").ownerWaitSeconds()).isEqualTo(300L);
        assertThat(policyFor("CAMPAIGN", "support").ownerWaitSeconds()).isZero();
    }

    @Test
    void aPolicyWithNoAttemptIsRefusedRatherThanDialedOnce() {
        var none = new DialPolicy(60L, 0, 60L, 0L, "9", "custom/callback", "always", "UTC", true, null, null, null);
        assertThat(none.problems(true)).singleElement().asString()
                .startsWith("maxAttempts must be a whole number from 1 to 100 (with no attempt no call would ever be made");
    }

    @Test
    void aQueueCallsCustomersWhoLeftAfterAnsweringAgainUnlessItsRowSaysNo() throws Exception {
        assertThat(policyFor("ABANDONED_CALL", "support").retryAbandonedAfterAnswer()).isTrue();
        assertThat(policyFor("ABANDONED_CALL", "some-new-queue").retryAbandonedAfterAnswer()).isTrue();
    }
}
