package io.ringback.process;

import static io.ringback.process.CallbackProcess.JobTypes.*;
import static io.ringback.process.CallbackProcess.Messages.*;
import static io.ringback.process.CallbackProcess.Scheduled.*;
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
 * Drives {@code scheduled-callback} on the in-memory engine with time travel, with the real
 * {@code call-customer} as its call activity; the test stands in for the job workers. The dial policy
 * comes from {@code models/dial-policy-test.dmn} (queue q-basic: 3 attempts 60 s apart, always open).
 */
class ScheduledCallbackProcessTest {

    ProcessTestEngine engine;
    final String callbackId = UUID.randomUUID().toString();

    @BeforeEach
    void startEngine() {
        engine = new ProcessTestEngine("models/dial-policy-test.dmn", "models/time-condition-test.dmn");
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    private static String in(Duration d) {
        return Instant.now().plus(d).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Map<String, Object> window(String start, String end, String state) {
        return Map.of("windowStart", start, "windowEnd", end, "queue", "q-basic", "windowState", state);
    }

    /** Schedules the callback and registers it: the instance waits for the window. */
    private long schedule(String start, String end) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("callbackId", callbackId);
        vars.put("origin", "SCHEDULED");
        vars.put("queue", "q-basic");
        vars.put("windowStart", start);
        vars.put("windowEnd", end);
        vars.put("callerMasked", "+55*******1234~3fa2");
        engine.publish(SCHEDULED_CALLBACK_REQUESTED, callbackId, "scheduled/" + callbackId, vars);
        long pi = engine.instanceOf(callbackId, CallbackProcess.SCHEDULED_PROCESS_ID);
        engine.complete(REGISTER_SCHEDULED_CALLBACK, window(start, end, "WAIT"));
        return pi;
    }

    private ActivatedJob expectEnd(String endState) {
        ActivatedJob end = engine.complete(RECORD_CALLBACK_END, Map.of());
        assertThat(end.getVariablesAsMap()).containsEntry("endState", endState);
        return end;
    }

    /** The window opens: open-scheduled-window says OPEN, the dial policy applies, the call starts. */
    private void openWindow(String start, String end) {
        ActivatedJob open = engine.activate(OPEN_SCHEDULED_WINDOW);
        assertThat(open.getVariablesAsMap()).containsEntry("step", "WINDOW_STARTS").containsEntry("windowStart", start);
        engine.client().newCompleteCommand(open).variables(window(start, end, "OPEN")).send().join();
        engine.complete(APPLY_DIAL_POLICY, Map.of());
    }

    @Test
    void theCallbackWaitsForItsWindowAndThenCallsTheCustomerWithTheWindowEndAsDeadline() {
        String start = in(Duration.ofHours(2));
        String end = in(Duration.ofHours(4));
        long pi = schedule(start, end);

        engine.increaseTime(Duration.ofHours(1));
        assertThat(engine.hasJob(OPEN_SCHEDULED_WINDOW)).as("an hour before the window").isFalse();
        engine.assertInstance(pi).isWaitingAtElements(WINDOW_START_TIMER);

        engine.increaseTime(Duration.ofHours(1).plusSeconds(1));
        openWindow(start, end);

        long child = engine.instanceOf(callbackId, CallbackProcess.CALL_CUSTOMER_PROCESS_ID);
        assertThat(engine.parentOf(child)).isEqualTo(pi);
        ActivatedJob claim = engine.activate(CLAIM_AGENT);
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) claim.getVariablesAsMap().get("dialPolicy");
        assertThat(policy).containsEntry("deadline", end).containsEntry("target", Map.of("queue", "q-basic"))
                .containsEntry("maxAttempts", 3);
        assertThat(claim.getVariablesAsMap()).doesNotContainKeys("windowStart", "origin");
    }

    @Test
    void anEditMovesTheWaitAndTheOldStartPassesWithoutOpeningTheWindow() {
        String start = in(Duration.ofHours(2));
        String end = in(Duration.ofHours(3));
        long pi = schedule(start, end);
        String later = in(Duration.ofHours(5));
        String laterEnd = in(Duration.ofHours(6));

        engine.publish(SCHEDULED_CALLBACK_CHANGED, callbackId, "changed/" + callbackId + "/1", Map.of("revision", 1));
        ActivatedJob read = engine.activate(OPEN_SCHEDULED_WINDOW);
        assertThat(read.getVariablesAsMap()).containsEntry("step", "CHANGED");
        engine.client().newCompleteCommand(read).variables(window(later, laterEnd, "WAIT")).send().join();

        engine.increaseTime(Duration.ofHours(2).plusSeconds(1));
        assertThat(engine.hasJob(OPEN_SCHEDULED_WINDOW)).as("the old start opens nothing").isFalse();
        engine.assertInstance(pi).isWaitingAtElements(WINDOW_START_TIMER).hasVariableWithValue("windowStart", later);

        engine.increaseTime(Duration.ofHours(3));
        openWindow(later, laterEnd);
        engine.assertInstance(pi).isWaitingAtElements(CALL_CUSTOMER);
    }

    @Test
    void aWindowMovedJustBeforeItsTimerFiredIsWaitedForAgain() {
        String start = in(Duration.ofMinutes(40));
        String end = in(Duration.ofHours(2));
        long pi = schedule(start, end);
        String later = in(Duration.ofHours(3));

        engine.increaseTime(Duration.ofMinutes(41));
        ActivatedJob open = engine.activate(OPEN_SCHEDULED_WINDOW);
        engine.client().newCompleteCommand(open).variables(window(later, in(Duration.ofHours(4)), "MOVED")).send().join();

        engine.idle();
        engine.assertInstance(pi).isWaitingAtElements(WINDOW_START_TIMER).hasVariableWithValue("windowStart", later);
        assertThat(engine.hasJob(APPLY_DIAL_POLICY)).isFalse();
    }

    @Test
    void aCallbackDeletedBeforeItsWindowEndsCancelledWithoutACall() {
        long pi = schedule(in(Duration.ofHours(2)), in(Duration.ofHours(3)));

        engine.publish(CALLBACK_CANCELLED, callbackId, "cancel:" + callbackId, Map.of("cancelReason", "deleted"));
        expectEnd("CANCELLED");

        engine.assertInstance(pi).isCompleted().hasPassedElement(CANCELLED_BEFORE_WINDOW).hasPassedElement(END_CANCELLED)
                .hasNotPassedElement(OPEN_WINDOW);
    }

    @Test
    void aCallbackDeletedWhileTheTimerFiredEndsCancelledAtTheWindow() {
        String start = in(Duration.ofMinutes(40));
        String end = in(Duration.ofHours(2));
        long pi = schedule(start, end);

        engine.increaseTime(Duration.ofMinutes(41));
        ActivatedJob open = engine.activate(OPEN_SCHEDULED_WINDOW);
        engine.client().newCompleteCommand(open).variables(window(start, end, "CANCELLED")).send().join();
        expectEnd("CANCELLED");

        engine.assertInstance(pi).isCompleted().hasNotPassedElement(CALL_CUSTOMER);
    }

    @Test
    void aBusyCustomerIsRetriedInsideTheWindowAndConnects() {
        String start = in(Duration.ofMinutes(31));
        String end = in(Duration.ofHours(2));
        long pi = schedule(start, end);
        engine.increaseTime(Duration.ofMinutes(32));
        openWindow(start, end);

        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
        String first = "rb-" + callbackId + "-1";
        engine.complete(ORIGINATE_CALL, Map.of("actionId", first, "outcomeTimeout", "PT2M", "connectTimeout", "PT30M"));
        engine.publish(CALL_OUTCOME, first, first + ":outcome", Map.of("outcome", "BUSY", "reasonCode", 5));
        engine.complete(RECORD_ATTEMPT_OUTCOME, Map.of("outcome", "BUSY", "awaitingConnection", false));

        engine.increaseTime(Duration.ofSeconds(61)); // the policy's 60 s between attempts
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", true, "agentWaitSeconds", 0));
        String second = "rb-" + callbackId + "-2";
        engine.complete(ORIGINATE_CALL, Map.of("actionId", second, "outcomeTimeout", "PT2M", "connectTimeout", "PT30M"));
        engine.publish(CALL_CONNECTED, callbackId, second + ":connected", Map.of("connectedAgent", "Agent 1"));
        expectEnd("CONNECTED");

        engine.assertInstance(pi).isCompleted().hasPassedElement(END_CONNECTED);
    }

    @Test
    void aWindowThatEndsWithoutAFreeAgentIsRecordedAsMissed() {
        String start = in(Duration.ofMinutes(31));
        String end = in(Duration.ofMinutes(91));
        long pi = schedule(start, end);
        engine.increaseTime(Duration.ofMinutes(32));
        openWindow(start, end);
        engine.complete(CLAIM_AGENT, Map.of("agentClaimed", false, "agentWaitSeconds", 0)); // nobody free

        engine.increaseTime(Duration.ofMinutes(61)); // past the window's end
        ActivatedJob missed = expectEnd("MISSED");

        assertThat(missed.getVariablesAsMap()).containsEntry("callResult", "EXPIRED");
        engine.assertInstance(pi).isCompleted().hasPassedElement(END_MISSED);
    }

    @Test
    void aCallbackWithAnOwnerCallsTheCustomerForTheOwnerWithItsOwnOwnerWait() {
        String start = in(Duration.ofHours(2));
        String end = in(Duration.ofHours(4));
        long pi = schedule(start, end);
        engine.increaseTime(Duration.ofHours(2).plusSeconds(1));

        ActivatedJob open = engine.activate(OPEN_SCHEDULED_WINDOW);
        Map<String, Object> vars = new HashMap<>(window(start, end, "OPEN"));
        vars.put("target", Map.of("queue", "q-basic", "agent", "ana"));
        vars.put("ownerWaitSeconds", 900);
        engine.client().newCompleteCommand(open).variables(vars).send().join();
        engine.complete(APPLY_DIAL_POLICY, Map.of());

        ActivatedJob claim = engine.activate(CLAIM_AGENT);
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) claim.getVariablesAsMap().get("dialPolicy");
        assertThat(policy).containsEntry("target", Map.of("queue", "q-basic", "agent", "ana"))
                .containsEntry("ownerWaitSeconds", 900).containsEntry("deadline", end);
        engine.assertInstance(pi).isWaitingAtElements(CALL_CUSTOMER);
    }

    @Test
    void withoutItsOwnOwnerWaitTheCallbackTakesTheDialPolicys() {
        String start = in(Duration.ofHours(2));
        String end = in(Duration.ofHours(4));
        schedule(start, end);
        engine.increaseTime(Duration.ofHours(2).plusSeconds(1));

        ActivatedJob open = engine.activate(OPEN_SCHEDULED_WINDOW);
        Map<String, Object> vars = new HashMap<>(window(start, end, "OPEN"));
        vars.put("target", Map.of("queue", "q-basic", "group", "vip"));
        vars.put("ownerWaitSeconds", null);
        engine.client().newCompleteCommand(open).variables(vars).send().join();
        engine.complete(APPLY_DIAL_POLICY, Map.of());

        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) engine.activate(CLAIM_AGENT).getVariablesAsMap().get("dialPolicy");
        assertThat(policy).containsEntry("target", Map.of("queue", "q-basic", "group", "vip"))
                .containsEntry("ownerWaitSeconds", 60);
    }
}
