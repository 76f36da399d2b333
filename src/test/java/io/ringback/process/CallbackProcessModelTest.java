package io.ringback.process;

import static io.ringback.process.CallbackProcess.Elements.*;
import static io.ringback.process.CallbackProcess.JobTypes.*;
import static io.ringback.process.CallbackProcess.Messages.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives {@code abandoned-call-callback} through every branch on the in-memory engine. The test
 * stands in for the job workers (their own tests cover them) and for the AMI side; the BPMN, the
 * DMN evaluation, timers and message correlation are the real engine's. Queue settings come from
 * {@code models/queue-settings-test.dmn} (queues q-basic, q-disabled, q-hours).
 */
class CallbackProcessModelTest {

    ProcessTestEngine engine;

    @BeforeEach
    void startEngine() {
        engine = new ProcessTestEngine("models/queue-settings-test.dmn", "models/time-condition-test.dmn");
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    /** Publishes an abandon and returns the new instance key; the callback id is the map's "callbackId". */
    private long abandon(Map<String, Object> vars) {
        engine.publish(ABANDONED_CALL_RECEIVED, (String) vars.get("callbackId"), "uid-" + vars.get("callbackId"), vars);
        return engine.instanceOf((String) vars.get("callbackId"));
    }

    private static Map<String, Object> abandonVars(String queue, int holdSeconds) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("callbackId", UUID.randomUUID().toString());
        vars.put("queue", queue);
        vars.put("holdTimeSeconds", holdSeconds);
        vars.put("abandonedAt", Instant.now().toString());
        vars.put("callerMasked", "*******1234");
        return vars;
    }

    private static String in(Duration d) {
        return Instant.now().plus(d).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Register and accept with the engine clock's deadline far away (or as given). */
    private void registerAndAccept(String expiresAt) {
        engine.complete(REGISTER_CALLBACK, Map.of("expiresAt", expiresAt));
        engine.complete(ACCEPT_CALLBACK, mapOf("mergedInto", null));
    }

    private String originateAttempt(int expectedAttempt) {
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
        ActivatedJob originate = engine.activate(ORIGINATE_CALL);
        assertThat(originate.getVariablesAsMap()).containsEntry("attempt", expectedAttempt);
        String actionId = "cb-test-" + UUID.randomUUID();
        engine.client().newCompleteCommand(originate.getKey())
                .variables(Map.of("actionId", actionId, "outcomeTimeout", "PT2M")).send().join();
        engine.idle();
        return actionId;
    }

    private void outcome(String actionId, String outcome, int reasonCode) {
        engine.publish(CALL_OUTCOME, actionId, actionId, Map.of("outcome", outcome, "reasonCode", reasonCode));
        ActivatedJob record = engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of());
        assertThat(record.getVariablesAsMap()).containsEntry("outcome", outcome);
    }

    private ActivatedJob expectEnd(String endState) {
        ActivatedJob end = engine.complete(RECORD_CALLBACK_END, Map.of());
        assertThat(end.getVariablesAsMap()).containsEntry("endState", endState);
        return end;
    }

    private static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return m;
    }

    @Test
    void callerWhoHungUpBeforeTheMinimumWaitIsNotCalledBack() {
        long pi = abandon(abandonVars("q-basic", 5));
        engine.complete(REGISTER_CALLBACK, Map.of("expiresAt", in(Duration.ofHours(1))));
        expectEnd("NOT_ELIGIBLE");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_NOT_ELIGIBLE).hasNotPassedElement(ACCEPT);
    }

    @Test
    void disabledQueueRecordsTheCallbackAsDisabled() {
        long pi = abandon(abandonVars("q-disabled", 60));
        engine.complete(REGISTER_CALLBACK, Map.of("expiresAt", in(Duration.ofHours(1))));
        expectEnd("DISABLED");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_DISABLED)
                .hasVariableWithValue("settings", Map.ofEntries(
                        Map.entry("enabled", false), Map.entry("minimumWaitSeconds", 10), Map.entry("timeLimitSeconds", 3600),
                        Map.entry("agentIdleSeconds", 30), Map.entry("maxAttempts", 3), Map.entry("retryIntervalSeconds", 60),
                        Map.entry("dialPrefix", "9"), Map.entry("callbackMessage", "custom/callback"),
                        Map.entry("timeCondition", "always"), Map.entry("timeZone", "UTC")));
    }

    @Test
    void busyCustomerIsRetriedAfterTheIntervalAndThenAnswers() {
        long pi = abandon(abandonVars("q-basic", 30));
        registerAndAccept(in(Duration.ofHours(1)));
        String first = originateAttempt(1);
        outcome(first, "BUSY", 5);
        engine.assertInstance(pi).isWaitingAtElements(WAIT_BETWEEN_ATTEMPTS);

        engine.increaseTime(Duration.ofSeconds(30));
        assertThat(engine.hasJob(CLAIM_AGENT)).as("no retry before the interval").isFalse();
        engine.increaseTime(Duration.ofSeconds(31));

        String second = originateAttempt(2);
        outcome(second, "ANSWERED", 4);
        expectEnd("ANSWERED");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_ANSWERED).hasPassedElement(ORIGINATE, 2)
                .hasVariableWithValue("attemptsMade", 2);
    }

    @Test
    void callbackEndsExhaustedAfterTheLastFailedAttempt() {
        long pi = abandon(abandonVars("q-basic", 30));
        registerAndAccept(in(Duration.ofHours(1)));
        outcome(originateAttempt(1), "NO_ANSWER", 3);
        engine.increaseTime(Duration.ofSeconds(61));
        outcome(originateAttempt(2), "CONGESTION", 8);
        engine.increaseTime(Duration.ofSeconds(61));
        outcome(originateAttempt(3), "FAILED", 0);
        expectEnd("EXHAUSTED");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_EXHAUSTED).hasPassedElement(ORIGINATE, 3);
    }

    @Test
    void attemptsPauseWhileTheTimeConditionIsClosedAndResumeWhenItOpens() {
        Map<String, Object> vars = abandonVars("q-hours", 30);
        String opensAt = in(Duration.ofHours(10));
        vars.put("opensAt", opensAt.substring(0, opensAt.length() - 1)); // local date-time in the queue's zone (UTC)
        long pi = abandon(vars);
        registerAndAccept(in(Duration.ofHours(24)));

        ActivatedJob find = engine.activate(FIND_NEXT_OPENING);
        engine.client().newCompleteCommand(find.getKey()).variables(Map.of("nextOpeningAt", opensAt)).send().join();
        engine.idle();
        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_OPENING).hasVariableWithValue("timeWindow",
                Map.of("open", false, "label", "Not yet open"));

        engine.increaseTime(Duration.ofHours(5));
        assertThat(engine.hasJob(CLAIM_AGENT)).isFalse();
        engine.increaseTime(Duration.ofHours(5).plusMinutes(1));

        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
        engine.assertInstance(pi).hasPassedElement(CHECK_TIME_CONDITION, 2).hasPassedElement(WAIT_FOR_OPENING, 1)
                .isWaitingAtElements(ORIGINATE);
    }

    @Test
    void anUnknownTimeConditionStopsAtTheGatewayWithAnIncident() {
        long pi = abandon(abandonVars("q-typo", 30));
        registerAndAccept(in(Duration.ofHours(1)));

        engine.assertInstance(pi).isActive().hasAnyIncidents().extractingLatestIncident()
                .occurredOnElement("Gateway_WithinTimeCondition");
        assertThat(engine.hasJob(CLAIM_AGENT)).isFalse();
    }

    @Test
    void withNoAgentTheCallbackWaitsAndDialsOnceAnAgentHasBeenIdleLongEnough() {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        long pi = abandon(vars);
        registerAndAccept(in(Duration.ofHours(1)));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.assertInstance(pi).isWaitingForMessages(AGENT_AVAILABLE);

        String callbackId = (String) vars.get("callbackId");
        engine.publish(AGENT_AVAILABLE, callbackId, null, Map.of());
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 30));
        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_AGENT_IDLE);

        engine.increaseTime(Duration.ofSeconds(31));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
        engine.assertInstance(pi).isWaitingAtElements(ORIGINATE).hasPassedElement(AGENT_AVAILABLE_EVENT, 1)
                .hasPassedElement(WAIT_FOR_AGENT_IDLE, 1);
    }

    @Test
    void aCallbackWaitingForAnAgentRechecksByItselfEveryFifteenMinutes() {
        long pi = abandon(abandonVars("q-basic", 30));
        registerAndAccept(in(Duration.ofHours(1)));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.increaseTime(Duration.ofMinutes(15).plusSeconds(1));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
        engine.assertInstance(pi).hasPassedElement(AGENT_RECHECK, 1).isWaitingAtElements(ORIGINATE);
    }

    @Test
    void callbackExpiresWhenTheTimeLimitIsReachedWhileWaiting() {
        long pi = abandon(abandonVars("q-basic", 30));
        registerAndAccept(in(Duration.ofMinutes(30)));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.increaseTime(Duration.ofMinutes(14));
        engine.increaseTime(Duration.ofMinutes(17));
        if (engine.hasJob(CLAIM_AGENT)) { // the 15-minute recheck may come first: still no agent
            engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        }
        expectEnd("EXPIRED");
        engine.assertInstance(pi).isCompleted().hasPassedElement(TIME_LIMIT_REACHED).hasPassedElement(END_EXPIRED)
                .hasNotPassedElement(ORIGINATE);
    }

    @Test
    void customerServedOnAnInboundCallCancelsThePendingCallback() {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        long pi = abandon(vars);
        registerAndAccept(in(Duration.ofHours(1)));
        outcome(originateAttempt(1), "BUSY", 5);
        engine.publish(CUSTOMER_SERVED, (String) vars.get("callbackId"), "served-1", Map.of());
        expectEnd("SERVED_INBOUND");
        engine.assertInstance(pi).isCompleted().hasPassedElement(CUSTOMER_SERVED_EVENT)
                .hasPassedElement(END_SERVED_INBOUND).hasPassedElement(ORIGINATE, 1);
    }

    @Test
    void supervisorCanCancelAPendingCallback() {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        long pi = abandon(vars);
        registerAndAccept(in(Duration.ofHours(1)));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.publish(CALLBACK_CANCELLED, (String) vars.get("callbackId"), null, Map.of());
        expectEnd("CANCELLED");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_CANCELLED);
    }

    @Test
    void theSameAbandonSeenTwiceStartsOneInstance() {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        String callbackId = (String) vars.get("callbackId");
        engine.publish(ABANDONED_CALL_RECEIVED, callbackId, "1795288839.1-" + callbackId, vars);
        try {
            engine.publish(ABANDONED_CALL_RECEIVED, callbackId, "1795288839.1-" + callbackId, vars);
        } catch (RuntimeException alreadyExists) {
            assertThat(alreadyExists).hasMessageContaining("ALREADY_EXISTS");
        }
        assertThat(engine.countInstancesOf(callbackId)).isEqualTo(1);
        engine.complete(REGISTER_CALLBACK, Map.of("expiresAt", in(Duration.ofHours(1))));
        engine.complete(ACCEPT_CALLBACK, mapOf("mergedInto", null));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.publish(CALLBACK_CANCELLED, callbackId, null, Map.of());
        expectEnd("CANCELLED");
    }

    @Test
    void aCallbackAcceptedWhileAnotherIsPendingForTheSameNumberJoinsIt() {
        long pi = abandon(abandonVars("q-basic", 30));
        engine.complete(REGISTER_CALLBACK, Map.of("expiresAt", in(Duration.ofHours(1))));
        engine.complete(ACCEPT_CALLBACK, Map.of("mergedInto", UUID.randomUUID().toString()));
        expectEnd("MERGED");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_MERGED).hasNotPassedElement(ATTEMPTS);
    }

    @Test
    void aMissingOriginateResponseCountsAsAFailedAttemptAndIsRetried() {
        long pi = abandon(abandonVars("q-basic", 30));
        registerAndAccept(in(Duration.ofHours(1)));
        originateAttempt(1);
        engine.increaseTime(Duration.ofMinutes(2).plusSeconds(1));
        ActivatedJob record = engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of());
        assertThat(record.getVariablesAsMap()).containsEntry("outcome", "FAILED").containsEntry("attempt", 1);
        engine.assertInstance(pi).hasPassedElement(NO_OUTCOME).hasPassedElement(RECORD_MISSING_OUTCOME)
                .isWaitingAtElements(WAIT_BETWEEN_ATTEMPTS).hasVariableWithValue("outcome", "FAILED");
        engine.increaseTime(Duration.ofSeconds(61));
        outcome(originateAttempt(2), "ANSWERED", 4);
        expectEnd("ANSWERED");
    }

    @Test
    void aLateOutcomeOfAnEarlierAttemptDoesNotCompleteTheNextOne() {
        long pi = abandon(abandonVars("q-basic", 30));
        registerAndAccept(in(Duration.ofHours(1)));
        String first = originateAttempt(1);
        engine.increaseTime(Duration.ofMinutes(2).plusSeconds(1));
        engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of());
        engine.increaseTime(Duration.ofSeconds(61));
        originateAttempt(2);
        engine.publish(CALL_OUTCOME, first, first + "-late", Map.of("outcome", "ANSWERED", "reasonCode", 4));
        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_OUTCOME);
        assertThat(engine.hasJob(RECORD_ATTEMPT_OUTCOME)).isFalse();
    }
}
