package io.ringback.process;

import static io.ringback.process.CallbackProcess.CallCustomer.*;
import static io.ringback.process.CallbackProcess.JobTypes.*;
import static io.ringback.process.CallbackProcess.Messages.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.ringback.process.CallbackProcess.Errors;
import io.ringback.process.CallbackProcess.Signals;
import java.math.BigDecimal;
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
 * Drives {@code call-customer} on its own through every branch on the in-memory engine. The test
 * stands in for the job workers (their own tests cover them) and for the AMI side; the BPMN, the
 * DMN evaluation, timers, signals and message correlation are the real engine's.
 */
@SuppressWarnings("unchecked")
class CallCustomerProcessTest {

    ProcessTestEngine engine;
    String callbackId;

    @BeforeEach
    void startEngine() {
        engine = new ProcessTestEngine("models/time-condition-test.dmn");
        callbackId = UUID.randomUUID().toString();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    static Map<String, Object> policy() {
        return io.ringback.testsupport.CallPolicies.usual(30);
    }

    private static String in(Duration d) {
        return Instant.now().plus(d).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private long call(Map<String, Object> dialPolicy, Duration deadline, Map<String, Object> extra) {
        Map<String, Object> vars = new HashMap<>(extra);
        Map<String, Object> policy = new HashMap<>(dialPolicy);
        policy.put("deadline", in(deadline));
        policy.putIfAbsent("target", Map.of("queue", "q-test"));
        vars.put("callbackId", callbackId);
        vars.put("dialPolicy", policy);
        vars.put("callerMasked", "+55*******0001~3fa2");
        long key = engine.client().newCreateInstanceCommand().bpmnProcessId(CallbackProcess.CALL_CUSTOMER_PROCESS_ID)
                .latestVersion().variables(vars).send().join().getProcessInstanceKey();
        engine.idle();
        return key;
    }

    private long call() {
        return call(policy(), Duration.ofHours(1), Map.of());
    }

    /** An agent is claimed and the attempt dialed; returns its ActionID. */
    private String dial(int expectedAttempt) {
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
        ActivatedJob originate = engine.activate(ORIGINATE_CALL);
        assertThat(originate.getVariablesAsMap()).containsEntry("attempt", expectedAttempt)
                .containsEntry("callbackId", callbackId);
        assertThat((Map<String, Object>) ((Map<String, Object>) originate.getVariablesAsMap().get("dialPolicy"))
                .get("target")).containsEntry("queue", "q-test");
        String actionId = "rb-" + callbackId + "-" + expectedAttempt;
        engine.client().newCompleteCommand(originate.getKey()).variables(Map.of("actionId", actionId,
                "outcomeTimeout", "PT2M", "connectTimeout", "PT30M")).send().join();
        engine.idle();
        return actionId;
    }

    /** The OriginateResponse arrives; the worker records it as this outcome. */
    private ActivatedJob outcome(String actionId, String outcome, int reasonCode) {
        engine.publish(CALL_OUTCOME, actionId, actionId + ":outcome", Map.of("outcome", outcome, "reasonCode", reasonCode));
        ActivatedJob record = engine.activate(RECORD_ATTEMPT_OUTCOME);
        assertThat(record.getVariablesAsMap()).containsEntry("report", "OUTCOME").containsEntry("outcome", outcome);
        engine.client().newCompleteCommand(record.getKey()).variables(Map.of("outcome", outcome,
                "awaitingConnection", outcome.equals("ANSWERED"))).send().join();
        engine.idle();
        return record;
    }

    private void connected(String actionId) {
        engine.publish(CALL_CONNECTED, callbackId, actionId + ":connected", Map.of("connectedAgent", "Agent One"));
    }

    private void left(String actionId) {
        engine.publish(CALL_LEFT, actionId, actionId + ":left", Map.of());
        ActivatedJob record = engine.activate(RECORD_ATTEMPT_OUTCOME);
        assertThat(record.getVariablesAsMap()).containsEntry("report", "LEFT");
        engine.client().newCompleteCommand(record.getKey())
                .variables(Map.of("outcome", "ABANDONED_AFTER_ANSWER", "awaitingConnection", false)).send().join();
        engine.idle();
    }

    @Test
    void aBusyCustomerIsRetriedAfterTheIntervalAndTheCallSucceedsWhenTheyReachAnAgent() {
        long pi = call();
        outcome(dial(1), "BUSY", 5);
        engine.assertInstance(pi).isWaitingAtElements(WAIT_BETWEEN_ATTEMPTS);

        engine.increaseTime(Duration.ofSeconds(30));
        assertThat(engine.hasJob(CLAIM_AGENT)).as("no retry before the interval").isFalse();
        engine.increaseTime(Duration.ofSeconds(31));

        String second = dial(2);
        outcome(second, "ANSWERED", 4);
        connected(second);
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_CONNECTED).hasPassedElement(ORIGINATE, 2)
                .hasVariableWithValue("callResult", "CONNECTED").hasVariableWithValue("attemptsMade", 2);
    }

    @Test
    void pickingUpIsNotBeingServedTheCallWaitsUntilTheCustomerReachesAnAgent() {
        long pi = call();
        outcome(dial(1), "ANSWERED", 4);

        engine.assertInstance(pi).isActive().isWaitingAtElements(WAIT_FOR_CONNECTION);
        assertThat(engine.hasJob(CLAIM_AGENT)).isFalse();
    }

    @Test
    void aCustomerWhoAnsweredAndLeftTheQueueIsCalledAgain() {
        long pi = call();
        String first = dial(1);
        outcome(first, "ANSWERED", 4);
        left(first);

        engine.assertInstance(pi).isWaitingAtElements(WAIT_BETWEEN_ATTEMPTS).hasVariableWithValue("outcome",
                "ABANDONED_AFTER_ANSWER");
        engine.increaseTime(Duration.ofSeconds(61));
        dial(2);
    }

    @Test
    void aQueueThatDoesNotCallBackCustomersWhoLeftEndsTheCallAsLeftAfterAnswer() {
        Map<String, Object> policy = policy();
        policy.put("retryAbandonedAfterAnswer", false);
        long pi = call(policy, Duration.ofHours(1), Map.of());
        String first = dial(1);
        outcome(first, "ANSWERED", 4);
        left(first);

        engine.assertInstance(pi).isCompleted().hasPassedElement(END_LEFT_AFTER_ANSWER)
                .hasVariableWithValue("callResult", "LEFT_AFTER_ANSWER");
    }

    @Test
    void anAnswerNothingIsHeardAfterEndsAnsweredOnceTheConnectTimeoutIsOver() {
        long pi = call();
        outcome(dial(1), "ANSWERED", 4);

        engine.increaseTime(Duration.ofMinutes(31));
        ActivatedJob record = engine.activate(RECORD_ATTEMPT_OUTCOME);
        assertThat(record.getVariablesAsMap()).containsEntry("report", "NO_CONNECTION_REPORT");
        engine.client().newCompleteCommand(record.getKey()).variables(Map.of("outcome", "ANSWERED",
                "awaitingConnection", false)).send().join();
        engine.idle();

        engine.assertInstance(pi).isCompleted().hasPassedElement(END_ANSWERED).hasVariableWithValue("callResult", "ANSWERED");
    }

    @Test
    void aCustomerWhoNeverAnswersEndsTheCallExhaustedAfterTheLastAttempt() {
        long pi = call();
        outcome(dial(1), "NO_ANSWER", 3);
        engine.increaseTime(Duration.ofSeconds(61));
        outcome(dial(2), "CONGESTION", 8);
        engine.increaseTime(Duration.ofSeconds(61));
        outcome(dial(3), "FAILED", 0);

        engine.assertInstance(pi).isCompleted().hasPassedElement(END_EXHAUSTED).hasPassedElement(ORIGINATE, 3)
                .hasVariableWithValue("callResult", "EXHAUSTED");
    }

    @Test
    void aMissingOutcomeIsResolvedByTheWorkerAndAFailedAttemptIsRetried() {
        long pi = call();
        dial(1);
        engine.increaseTime(Duration.ofMinutes(2).plusSeconds(1));

        ActivatedJob record = engine.activate(RECORD_ATTEMPT_OUTCOME);
        assertThat(record.getVariablesAsMap()).containsEntry("report", "NO_OUTCOME").containsEntry("attempt", 1);
        engine.client().newCompleteCommand(record.getKey()).variables(Map.of("outcome", "FAILED",
                "awaitingConnection", false)).send().join();
        engine.idle();
        engine.assertInstance(pi).hasPassedElement(NO_OUTCOME).hasPassedElement(RECORD_MISSING_OUTCOME)
                .isWaitingAtElements(WAIT_BETWEEN_ATTEMPTS);
        engine.increaseTime(Duration.ofSeconds(61));
        dial(2);
    }

    @Test
    void aMissingOutcomeOfACustomerWhoAnsweredWaitsForTheConnection() {
        long pi = call();
        dial(1);
        engine.increaseTime(Duration.ofMinutes(2).plusSeconds(1));
        engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "ANSWERED", "awaitingConnection", true));

        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_CONNECTION);
    }

    @Test
    void aCustomerWhoReachedAnAgentIsNeverRetriedEvenWhenTheReportComesLate() {
        long pi = call();
        String first = dial(1);
        engine.increaseTime(Duration.ofMinutes(2).plusSeconds(1)); // the outcome was lost: counted failed for now
        engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "FAILED", "awaitingConnection", false));
        engine.assertInstance(pi).isWaitingAtElements(WAIT_BETWEEN_ATTEMPTS);

        connected(first); // the AgentConnect was recorded; its message is published late

        engine.assertInstance(pi).isCompleted().hasPassedElement(CUSTOMER_CONNECTED).hasPassedElement(END_CONNECTED)
                .hasVariableWithValue("callResult", "CONNECTED");
        engine.increaseTime(Duration.ofMinutes(2));
        assertThat(engine.hasJob(CLAIM_AGENT)).isFalse();
    }

    @Test
    void aMissingOutcomeThatTheRecordsShowConnectedEndsTheCallConnected() {
        long pi = call();
        dial(1);
        engine.increaseTime(Duration.ofMinutes(2).plusSeconds(1));
        engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "CONNECTED", "awaitingConnection", false));

        engine.assertInstance(pi).isCompleted().hasPassedElement("Event_ConnectedReported")
                .hasVariableWithValue("callResult", "CONNECTED");
    }

    @Test
    void aLateOutcomeOfAnEarlierAttemptDoesNotCompleteTheNextOne() {
        long pi = call();
        String first = dial(1);
        engine.increaseTime(Duration.ofMinutes(2).plusSeconds(1));
        engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "FAILED", "awaitingConnection", false));
        engine.increaseTime(Duration.ofSeconds(61));
        dial(2);

        engine.publish(CALL_OUTCOME, first, first + ":outcome", Map.of("outcome", "BUSY", "reasonCode", 5));

        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_OUTCOME);
        assertThat(engine.hasJob(RECORD_ATTEMPT_OUTCOME)).isFalse();
    }

    @Test
    void aCallNotPlacedIsTriedAgainWithoutUsingUpTheAttempt() {
        long pi = call();
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
        engine.throwError(ORIGINATE_CALL, Errors.CALL_NOT_PLACED, "the agent claim expired");

        engine.assertInstance(pi).hasPassedElement(CALL_NOT_PLACED);
        dial(1); // attempt 1 again
    }

    @Test
    void whileThePbxIsDownTheCallWaitsForItAndContinuesWhenItIsBack() {
        long pi = call();
        engine.throwError(CLAIM_AGENT, Errors.PBX_UNAVAILABLE, "AMI is down");
        engine.assertInstance(pi).hasPassedElement(PBX_UNAVAILABLE).isWaitingAtElements(WAIT_FOR_PBX);

        engine.broadcastSignal(Signals.PBX_AVAILABLE);

        engine.assertInstance(pi).hasPassedElement(PBX_AVAILABLE_EVENT);
        dial(1);
    }

    @Test
    void aCallWaitingForThePbxChecksAgainEveryMinute() {
        long pi = call();
        engine.throwError(CLAIM_AGENT, Errors.PBX_UNAVAILABLE, "AMI is down");
        engine.increaseTime(Duration.ofSeconds(61));
        engine.throwError(CLAIM_AGENT, Errors.PBX_UNAVAILABLE, "AMI is still down");
        engine.increaseTime(Duration.ofSeconds(61));

        dial(1);
        engine.assertInstance(pi).hasPassedElement(PBX_RECHECK, 2);
    }

    @Test
    void withNoAgentTheCallWaitsAndDialsOnceAnAgentHasBeenIdleLongEnough() {
        long pi = call();
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.assertInstance(pi).isWaitingForMessages(AGENT_AVAILABLE);

        engine.publish(AGENT_AVAILABLE, callbackId, null, Map.of());
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 30));
        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_AGENT_IDLE);

        engine.increaseTime(Duration.ofSeconds(31));
        dial(1);
        engine.assertInstance(pi).hasPassedElement(AGENT_AVAILABLE_EVENT, 1).hasPassedElement(WAIT_FOR_AGENT_IDLE, 1);
    }

    @Test
    void theRestOfAnAgentsIdleTimeIsWaitedToTheMillisecond() {
        long pi = call();
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", new BigDecimal("1.900")));
        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_AGENT_IDLE);

        engine.increaseTime(Duration.ofMillis(1_300)); // 1.9 s taken as 1 s would have fired
        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_AGENT_IDLE);
        engine.increaseTime(Duration.ofMillis(700));
        dial(1);
        engine.assertInstance(pi).hasPassedElement(WAIT_FOR_AGENT_IDLE, 1);
    }

    @Test
    void aCallWaitingForAnAgentWaitsForANudgeAndWritesNothingWhileItWaits() {
        // the application nudges it when an agent of its target is free (and rechecks in case a nudge was lost)
        long pi = call(policy(), Duration.ofHours(13), Map.of());
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.increaseTime(Duration.ofHours(1));
        long afterAnHour = recordsOf(pi);

        engine.increaseTime(Duration.ofHours(11));

        assertThat(recordsOf(pi)).as("records of the instance written in the 11 hours after the first").isEqualTo(afterAnHour);
        engine.assertInstance(pi).isWaitingForMessages(AGENT_AVAILABLE);
        assertThat(engine.hasJob(CLAIM_AGENT)).as("no claim without a nudge").isFalse();
        engine.publish(AGENT_AVAILABLE, callbackId, null, Map.of());
        dial(1);
        engine.assertInstance(pi).hasPassedElement(AGENT_AVAILABLE_EVENT, 1);
    }

    /** Records about the instance (the engine's own, such as its usage metrics, are not). */
    private long recordsOf(long processInstanceKey) {
        engine.idle();
        return java.util.stream.StreamSupport.stream(engine.records().records().spliterator(), false)
                .filter(r -> r.getValue() instanceof io.camunda.zeebe.protocol.record.value.ProcessInstanceRelated related
                        && related.getProcessInstanceKey() == processInstanceKey)
                .count();
    }

    @Test
    void attemptsPauseWhileTheTimeConditionIsClosedAndResumeWhenItOpens() {
        Map<String, Object> policy = policy();
        policy.put("timeCondition", "opens-at");
        String opensAt = in(Duration.ofHours(10));
        long pi = call(policy, Duration.ofHours(24), Map.of("opensAt", opensAt.substring(0, opensAt.length() - 1)));

        ActivatedJob find = engine.activate(FIND_NEXT_OPENING);
        assertThat((Map<String, Object>) find.getVariablesAsMap().get("dialPolicy")).containsKey("deadline");
        engine.client().newCompleteCommand(find.getKey()).variables(Map.of("nextOpeningAt", opensAt)).send().join();
        engine.idle();
        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_OPENING);

        engine.increaseTime(Duration.ofHours(5));
        assertThat(engine.hasJob(CLAIM_AGENT)).isFalse();
        engine.increaseTime(Duration.ofHours(5).plusMinutes(1));

        dial(1);
        engine.assertInstance(pi).hasPassedElement(CHECK_TIME_CONDITION, 2).hasPassedElement(WAIT_FOR_OPENING, 1);
    }

    @Test
    void aTimeConditionNoRowMatchesGoesToTheWorkerThatNamesIt() {
        Map<String, Object> policy = policy();
        policy.put("timeCondition", "no-such-condition");
        long pi = call(policy, Duration.ofHours(1), Map.of());

        assertThat(engine.hasJob(FIND_NEXT_OPENING)).as("the worker raises the incident naming the condition").isTrue();
        engine.assertInstance(pi).isActive().hasNoIncidents();
    }

    @Test
    void theDeadlineEndsAWaitingCallAsExpired() {
        long pi = call(policy(), Duration.ofMinutes(30), Map.of());
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.increaseTime(Duration.ofMinutes(14));
        engine.increaseTime(Duration.ofMinutes(17));
        if (engine.hasJob(CLAIM_AGENT)) { // the 15-minute recheck may come first: still no agent
            engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        }
        engine.assertInstance(pi).isCompleted().hasPassedElement(TIME_LIMIT_REACHED).hasPassedElement(END_EXPIRED)
                .hasNotPassedElement(ORIGINATE).hasVariableWithValue("callResult", "EXPIRED");
    }

    @Test
    void theDeadlineDoesNotCutACallInProgress() {
        long pi = call(policy(), Duration.ofMinutes(5), Map.of());
        String first = dial(1);
        outcome(first, "ANSWERED", 4);

        engine.increaseTime(Duration.ofMinutes(6)); // past the deadline, the customer is in the queue
        engine.assertInstance(pi).isActive().hasNotPassedElement(TIME_LIMIT_REACHED);
        connected(first);

        engine.assertInstance(pi).isCompleted().hasVariableWithValue("callResult", "CONNECTED");
    }

    @Test
    void theDeadlineEndsTheWaitBetweenAttempts() {
        long pi = call(policy(), Duration.ofSeconds(90), Map.of());
        outcome(dial(1), "BUSY", 5);
        engine.increaseTime(Duration.ofSeconds(61)); // the retry comes before the deadline
        outcome(dial(2), "BUSY", 5);
        engine.assertInstance(pi).isWaitingAtElements(WAIT_BETWEEN_ATTEMPTS);

        engine.increaseTime(Duration.ofSeconds(31)); // the deadline comes before the next retry

        engine.assertInstance(pi).isCompleted().hasPassedElement(TIME_LIMIT_REACHED)
                .hasVariableWithValue("callResult", "EXPIRED").hasVariableWithValue("attemptsMade", 2);
    }

    // ------------------------------------------------------------------ sticky callbacks: the owner wait

    /** A callback owned by agent ana, who may be waited for 120 s. */
    private long callForOwner() {
        Map<String, Object> policy = policy();
        policy.put("ownerWaitSeconds", 120);
        policy.put("target", Map.of("queue", "q-test", "agent", "ana"));
        return call(policy, Duration.ofHours(1), Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> targetOf(ActivatedJob job) {
        return (Map<String, Object>) ((Map<String, Object>) job.getVariablesAsMap().get("dialPolicy")).get("target");
    }

    /** What release-owner returns: the same policy for the whole queue. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> released(ActivatedJob release) {
        Map<String, Object> policy = new HashMap<>((Map<String, Object>) release.getVariablesAsMap().get("dialPolicy"));
        policy.put("target", Map.of("queue", "q-test"));
        Map<String, Object> vars = new HashMap<>();
        vars.put("dialPolicy", policy);
        vars.put("ownerReleased", true);
        vars.put("ownerWaitUntil", null);
        return vars;
    }

    @Test
    void anOwnerWhoIsFreeAtOnceTakesTheCallAndNothingIsReleased() {
        long pi = callForOwner();
        ActivatedJob claim = engine.activate(CLAIM_AGENT);
        assertThat(targetOf(claim)).containsEntry("agent", "ana");
        engine.client().newCompleteCommand(claim.getKey()).variables(Map.of("agentClaimed", true, "agentWaitSeconds", 0,
                "ownerWaitUntil", in(Duration.ofSeconds(120)))).send().join();
        engine.idle();
        ActivatedJob originate = engine.activate(ORIGINATE_CALL);
        assertThat(targetOf(originate)).as("dialed for the owner").containsEntry("agent", "ana");
        engine.assertInstance(pi).hasNotPassedElement(RELEASE_OWNER_TASK);
    }

    @Test
    void anOwnerWhoFreesUpInsideTheWaitTakesTheCall() {
        long pi = callForOwner();
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0,
                "ownerWaitUntil", in(Duration.ofSeconds(120))));
        engine.assertInstance(pi).isWaitingAtElements(WAIT_FOR_AGENT);

        engine.increaseTime(Duration.ofSeconds(60));
        engine.publish(AGENT_AVAILABLE, callbackId, null, Map.of());
        ActivatedJob claim = engine.activate(CLAIM_AGENT);
        assertThat(targetOf(claim)).as("still the owner's").containsEntry("agent", "ana");
        assertThat(claim.getVariablesAsMap()).containsKey("ownerWaitUntil");
        engine.client().newCompleteCommand(claim.getKey()).variables(Map.of("agentClaimed", true, "agentWaitSeconds", 0))
                .send().join();
        engine.idle();
        assertThat(targetOf(engine.activate(ORIGINATE_CALL))).containsEntry("agent", "ana");
        engine.increaseTime(Duration.ofSeconds(120));
        engine.assertInstance(pi).hasNotPassedElement(RELEASE_OWNER_TASK).hasNotPassedElement(OWNER_WAIT_OVER);
    }

    @Test
    void whenTheOwnerWaitEndsTheCallIsReleasedToTheFirstFreeAgentOfTheQueue() {
        long pi = callForOwner();
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0,
                "ownerWaitUntil", in(Duration.ofSeconds(120))));
        engine.increaseTime(Duration.ofSeconds(100));
        assertThat(engine.hasJob(RELEASE_OWNER)).as("not before the owner wait ends").isFalse();

        engine.increaseTime(Duration.ofSeconds(25));
        ActivatedJob release = engine.activate(RELEASE_OWNER);
        assertThat(release.getVariablesAsMap()).containsKeys("callbackId", "dialPolicy", "ownerWaitUntil");
        engine.client().newCompleteCommand(release.getKey()).variables(released(release)).send().join();
        engine.idle();

        ActivatedJob claim = engine.activate(CLAIM_AGENT);
        assertThat(targetOf(claim)).as("any agent of the queue now").isEqualTo(Map.of("queue", "q-test"));
        engine.client().newCompleteCommand(claim.getKey()).variables(Map.of("agentClaimed", true, "agentWaitSeconds", 0))
                .send().join();
        engine.idle();
        engine.activate(ORIGINATE_CALL);
        engine.assertInstance(pi).hasPassedElement(OWNER_WAIT_OVER, 1).hasPassedElement(RELEASE_OWNER_TASK, 1)
                .hasVariableWithValue("ownerReleased", true);
    }

    @Test
    void anOwnerWhoLeftTheDirectoryReleasesTheCallAtOnce() {
        long pi = callForOwner();
        // claim-agent finds ana gone from the directory: the owner wait ends now
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0,
                "ownerWaitUntil", Instant.now().minusSeconds(1).toString()));
        engine.increaseTime(Duration.ofSeconds(1));
        ActivatedJob release = engine.activate(RELEASE_OWNER);
        engine.client().newCompleteCommand(release.getKey()).variables(released(release)).send().join();
        engine.idle();
        assertThat(targetOf(engine.activate(CLAIM_AGENT))).isEqualTo(Map.of("queue", "q-test"));
        engine.assertInstance(pi).hasPassedElement(RELEASE_OWNER_TASK, 1);
    }

    @Test
    void aCallbackWithoutAnOwnerNeverWaitsForOneAndIsNeverReleased() {
        long pi = call();
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0));
        engine.increaseTime(Duration.ofMinutes(59));
        assertThat(engine.hasJob(RELEASE_OWNER)).isFalse();
        engine.assertInstance(pi).hasNotPassedElement(OWNER_WAIT_OVER);
    }
}
