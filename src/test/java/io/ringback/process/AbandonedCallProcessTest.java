package io.ringback.process;

import static io.ringback.process.CallbackProcess.Elements.*;
import static io.ringback.process.CallbackProcess.JobTypes.*;
import static io.ringback.process.CallbackProcess.Messages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Drives {@code abandoned-call-callback} through every branch on the in-memory engine, with the
 * real {@code call-customer} as its call activity. The test stands in for the job workers and the
 * AMI side. Settings come from {@code models/abandoned-call-rules-test.dmn} and
 * {@code models/dial-policy-test.dmn} (queues q-basic, q-disabled, ...).
 */
class AbandonedCallProcessTest {

    ProcessTestEngine engine;

    @BeforeEach
    void startEngine() {
        engine = new ProcessTestEngine("models/abandoned-call-rules-test.dmn", "models/dial-policy-test.dmn",
                "models/time-condition-test.dmn");
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    /** Publishes an abandon and returns the new instance key; the callback id is the map's "callbackId". */
    private long abandon(Map<String, Object> vars) {
        engine.publish(ABANDONED_CALL_RECEIVED, (String) vars.get("callbackId"), "pbx1/uid-" + vars.get("callbackId"), vars);
        return engine.instanceOf((String) vars.get("callbackId"), CallbackProcess.PROCESS_ID);
    }

    private static Map<String, Object> abandonVars(String queue, int holdSeconds) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("callbackId", UUID.randomUUID().toString());
        vars.put("origin", "ABANDONED_CALL");
        vars.put("queue", queue);
        vars.put("holdTimeSeconds", holdSeconds);
        vars.put("abandonedAt", Instant.now().toString());
        vars.put("callerMasked", "+55*******1234~3fa2");
        return vars;
    }

    private static String in(Duration d) {
        return Instant.now().plus(d).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** register-callback sets no variable; accept-callback applies the dial policy and accepts. */
    private void registerAndAccept(String expiresAt) {
        engine.complete(REGISTER_CALLBACK, Map.of());
        engine.complete(ACCEPT_CALLBACK, accepted(expiresAt, null));
    }

    private static Map<String, Object> accepted(String expiresAt, String mergedInto) {
        Map<String, Object> m = mapOf("mergedInto", mergedInto);
        m.put("expiresAt", expiresAt);
        m.put("ownerAgent", null);
        return m;
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

    /** Claims an agent and dials attempt 1 in the called process; returns its ActionID. */
    private String dialFirstAttempt(String callbackId) {
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
        String actionId = "rb-" + callbackId + "-1";
        engine.complete(ORIGINATE_CALL, Map.of("actionId", actionId, "outcomeTimeout", "PT2M", "connectTimeout", "PT30M"));
        return actionId;
    }

    @Test
    void aCallerWhoHungUpBeforeTheMinimumWaitIsNotCalledBack() {
        long pi = abandon(abandonVars("q-basic", 5));
        engine.complete(REGISTER_CALLBACK, Map.of()); // the worker records the end itself
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_NOT_ELIGIBLE)
                .hasNotPassedElement(DETERMINE_DIAL_POLICY).hasNotPassedElement(ACCEPT);
        assertThat(engine.hasJob(RECORD_CALLBACK_END)).isFalse();
    }

    @Test
    void aDisabledQueueRecordsTheCallbackAsDisabled() {
        long pi = abandon(abandonVars("q-disabled", 60));
        engine.complete(REGISTER_CALLBACK, Map.of()); // the worker records the end itself
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_DISABLED)
                .hasNotPassedElement(DETERMINE_DIAL_POLICY).hasNotPassedElement(ACCEPT)
                .hasVariableWithValue("abandonRules", Map.of("enabled", false, "minimumWaitSeconds", 10,
                        "ownerIsLastAgent", false));
        assertThatThrownBy(() -> engine.variable(pi, "dialPolicy")).hasMessageContaining("no variable dialPolicy");
        assertThat(engine.hasJob(RECORD_CALLBACK_END)).isFalse();
    }

    @Test
    void theDialPolicyIsDecidedOnlyForACallbackThatIsCalledBackAndAcceptApplyingIt() {
        long pi = abandon(abandonVars("q-basic", 30));
        engine.complete(REGISTER_CALLBACK, Map.of());
        ActivatedJob accept = engine.activate(ACCEPT_CALLBACK);
        assertThat(accept.getVariablesAsMap()).doesNotContainKey("expiresAt");
        assertThat(accept.getVariablesAsMap().get("dialPolicy")).isInstanceOf(Map.class);
        engine.assertInstance(pi).hasPassedElement(DETERMINE_DIAL_POLICY);
    }

    @Test
    void anAcceptedCallbackCallsTheCustomerInACalledProcessOperateShowsAsItsChild() {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        String callbackId = (String) vars.get("callbackId");
        long pi = abandon(vars);
        String expiresAt = in(Duration.ofHours(1));
        registerAndAccept(expiresAt);

        long child = engine.instanceOf(callbackId, CallbackProcess.CALL_CUSTOMER_PROCESS_ID);
        assertThat(engine.parentOf(child)).isEqualTo(pi);
        engine.assertInstance(pi).isWaitingAtElements(CALL_CUSTOMER);
        ActivatedJob claim = engine.activate(CLAIM_AGENT);
        assertThat(claim.getVariablesAsMap()).containsKeys("dialPolicy", "callbackId")
                .doesNotContainKeys("holdTimeSeconds", "abandonedAt", "abandonRules", "queue");
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) claim.getVariablesAsMap().get("dialPolicy");
        Map<String, Object> queueTarget = new java.util.HashMap<>();
        queueTarget.put("queue", "q-basic");
        queueTarget.put("agent", null); // no owner: register-callback found no last agent to stick to
        assertThat(policy).containsEntry("deadline", expiresAt).containsEntry("target", queueTarget)
                .containsEntry("maxAttempts", 3);
    }

    @Test
    void aCallCustomerOfAnotherContractDeployedLaterIsNotCalledByThisVersion() throws Exception {
        String shipped = new String(getClass().getResourceAsStream("/bpmn/call-customer.bpmn").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(shipped).contains("<zeebe:versionTag value=\"" + CallbackProcess.CALL_CUSTOMER_CONTRACT + "\" />");
        engine.client().newDeployResourceCommand().addResourceStringUtf8(shipped.replace(
                        "value=\"" + CallbackProcess.CALL_CUSTOMER_CONTRACT + "\"", "value=\"contract-next\"")
                .replace("name=\"Call the customer\"", "name=\"Call the customer (next contract)\""), "call-customer.bpmn")
                .send().join();
        Map<String, Object> vars = abandonVars("q-basic", 30);
        abandon(vars);
        registerAndAccept(in(Duration.ofHours(1)));

        long child = engine.instanceOf((String) vars.get("callbackId"), CallbackProcess.CALL_CUSTOMER_PROCESS_ID);
        assertThat(engine.versionOf(child)).as("the latest call-customer of this model's contract, not version 2")
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "call result {0} ends the callback {1}")
    @CsvSource({"CONNECTED, CONNECTED, Event_Connected", "ANSWERED, ANSWERED, Event_Answered",
            "LEFT_AFTER_ANSWER, LEFT_AFTER_ANSWER, Event_LeftAfterAnswer", "EXHAUSTED, EXHAUSTED, Event_Exhausted"})
    void theResultOfTheCallIsRecordedAsTheEndOfTheCallback(String callResult, String endState, String endEvent) {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        String callbackId = (String) vars.get("callbackId");
        long pi = abandon(vars);
        registerAndAccept(in(Duration.ofHours(1)));
        String actionId = dialFirstAttempt(callbackId);
        engine.publish(CALL_OUTCOME, actionId, actionId + ":outcome", Map.of("outcome", "ANSWERED", "reasonCode", 4));
        switch (callResult) {
            case "CONNECTED" -> {
                engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "ANSWERED", "awaitingConnection", true));
                engine.publish(CALL_CONNECTED, callbackId, actionId + ":connected", Map.of());
            }
            case "ANSWERED" -> engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "ANSWERED", "awaitingConnection", false));
            case "LEFT_AFTER_ANSWER" -> {
                engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "ANSWERED", "awaitingConnection", true));
                engine.publish(CALL_LEFT, actionId, actionId + ":left", Map.of());
                long child = engine.instanceOf(callbackId, CallbackProcess.CALL_CUSTOMER_PROCESS_ID);
                engine.client().newSetVariablesCommand(child).variables(Map.of("dialPolicy", Map.of("maxAttempts", 3,
                        "retryAbandonedAfterAnswer", false, "target", Map.of("queue", "q-basic"))))
                        .send().join();
                engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "ABANDONED_AFTER_ANSWER", "awaitingConnection", false));
            }
            default -> engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "BUSY", "awaitingConnection", false))
                    .getKey(); // then two more BUSY
        }
        if (callResult.equals("EXHAUSTED")) {
            for (int attempt = 2; attempt <= 3; attempt++) {
                engine.increaseTime(Duration.ofSeconds(61));
                engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
                String next = "rb-" + callbackId + "-" + attempt;
                engine.complete(ORIGINATE_CALL, Map.of("actionId", next, "outcomeTimeout", "PT2M", "connectTimeout", "PT30M"));
                engine.publish(CALL_OUTCOME, next, next + ":outcome", Map.of("outcome", "BUSY", "reasonCode", 5));
                engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "BUSY", "awaitingConnection", false));
            }
        }
        ActivatedJob end = expectEnd(endState);
        assertThat(end.getVariablesAsMap()).containsEntry("callResult", callResult);
        engine.assertInstance(pi).isCompleted().hasPassedElement(endEvent);
    }

    @Test
    void theTimeLimitEndsTheCallbackAsExpired() {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        long pi = abandon(vars);
        registerAndAccept(in(Duration.ofMinutes(30)));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.increaseTime(Duration.ofMinutes(14));
        engine.increaseTime(Duration.ofMinutes(17));
        if (engine.hasJob(CLAIM_AGENT)) {
            engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        }
        expectEnd("EXPIRED");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_EXPIRED);
    }

    @Test
    void aCustomerServedOnAnInboundCallEndsTheCallbackAndItsCall() {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        String callbackId = (String) vars.get("callbackId");
        long pi = abandon(vars);
        registerAndAccept(in(Duration.ofHours(1)));
        long child = engine.instanceOf(callbackId, CallbackProcess.CALL_CUSTOMER_PROCESS_ID);
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));

        engine.publish(CUSTOMER_SERVED, callbackId, "served:1", Map.of("servedInQueue", "q-other"));

        ActivatedJob end = expectEnd("SERVED_INBOUND");
        assertThat(end.getVariablesAsMap()).containsEntry("servedInQueue", "q-other");
        engine.assertInstance(pi).isCompleted().hasPassedElement(CUSTOMER_SERVED_EVENT).hasPassedElement(END_SERVED_INBOUND);
        engine.assertInstance(child).isTerminated();
    }

    @Test
    void aUserCanCancelAPendingCallback() {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        long pi = abandon(vars);
        registerAndAccept(in(Duration.ofHours(1)));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));

        engine.publish(CALLBACK_CANCELLED, (String) vars.get("callbackId"), null, Map.of("cancelReason", "asked by e-mail"));

        ActivatedJob end = expectEnd("CANCELLED");
        assertThat(end.getVariablesAsMap()).containsEntry("cancelReason", "asked by e-mail");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_CANCELLED);
    }

    @Test
    void theSameAbandonPublishedTwiceStartsOneInstanceEvenAfterTheFirstEnded() {
        Map<String, Object> vars = abandonVars("q-basic", 30);
        String callbackId = (String) vars.get("callbackId");
        engine.publish(ABANDONED_CALL_RECEIVED, callbackId, "pbx1/1795288839.1", vars);
        try {
            engine.publish(ABANDONED_CALL_RECEIVED, callbackId, "pbx1/1795288839.1", vars);
        } catch (RuntimeException alreadyExists) {
            assertThat(alreadyExists).hasMessageContaining("ALREADY_EXISTS");
        }
        registerAndAccept(in(Duration.ofHours(1)));
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.publish(CALLBACK_CANCELLED, callbackId, null, Map.of());
        expectEnd("CANCELLED");

        // a duplicate that had been buffered would start a second instance now that the first has ended
        assertThat(engine.hasJob(REGISTER_CALLBACK)).isFalse();
        assertThat(engine.countInstancesOf(callbackId, CallbackProcess.PROCESS_ID)).isEqualTo(1);
    }

    @Test
    void aCallbackAcceptedWhileAnotherIsPendingForTheSameNumberJoinsIt() {
        long pi = abandon(abandonVars("q-basic", 30));
        engine.complete(REGISTER_CALLBACK, Map.of());
        engine.complete(ACCEPT_CALLBACK, accepted(in(Duration.ofHours(1)), UUID.randomUUID().toString()));
        expectEnd("MERGED");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_MERGED).hasNotPassedElement(CALL_CUSTOMER);
    }
}
