package io.ringback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.ringback.it.RingbackIntegrationTest;
import io.ringback.process.CallbackProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * What {@link ModelVariablesFuzzTest} found in the running application, shrunk to one case each and kept
 * as plain tests: a {@code dialPolicy} that a calling model composed.
 */
class ModelRegressionTest extends RingbackIntegrationTest {

    private long startCallCustomer(UUID callbackId, Map<String, Object> dialPolicy) {
        return camunda.newCreateInstanceCommand().bpmnProcessId(CallbackProcess.CALL_CUSTOMER_PROCESS_ID).latestVersion()
                .variables(Map.of("callbackId", callbackId.toString(), "callerMasked", "+55*******0000~test",
                        "dialPolicy", dialPolicy))
                .send().join().getProcessInstanceKey();
    }

    private static Map<String, Object> policy(String queue, Instant deadline) {
        Map<String, Object> policy = new HashMap<>(Map.of("timeLimitSeconds", 600, "agentIdleSeconds", 0, "maxAttempts", 1,
                "retryIntervalSeconds", 2, "dialPrefix", "9", "callbackMessage", "custom/callback", "timeCondition", "always",
                "timeZone", "UTC", "retryAbandonedAfterAnswer", true, "deadline", deadline.toString()));
        policy.put("target", Map.of("queue", queue));
        return policy;
    }

    private int failedJobs(long instanceKey) {
        return (int) StreamSupport.stream(RecordStream.of(engine.getRecordStreamSource()).jobRecords().spliterator(), false)
                .filter(r -> r.getIntent() == JobIntent.FAILED && r.getValue().getProcessInstanceKey() == instanceKey).count();
    }

    @Test
    void aTargetThatIsNotAContextFailsOnceWithAnIncidentNamingTheField() {
        // was: the engine client could not read @Variable DialPolicy and failed claim-agent three times, without a backoff
        String queue = queueWithAgent("it-fast-regression");
        UUID callback = storedCallback(queue, newNumber());
        Map<String, Object> policy = policy(queue, Instant.now().plus(Duration.ofMinutes(10)));
        policy.put("target", queue);
        long instance = startCallCustomer(callback, policy);

        var incident = await().atMost(Duration.ofSeconds(20)).until(() -> incidentOf(callback), java.util.Optional::isPresent).get();
        assertThat(incident.getElementId()).isEqualTo("Task_ClaimAgent");
        assertThat(incident.getErrorMessage()).contains("a variable read as DialPolicy, field target");
        assertThat(failedJobs(instance)).as("one failed job, no retry").isEqualTo(1);
    }

    @Test
    void noAttemptStartsAfterTheDeadlineEvenWhenTheCallBeginsLate() {
        // was: with a deadline already past, the call was claimed and dialed before the deadline timer fired
        String queue = queueWithAgent("it-fast-regression");
        String number = newNumber();
        UUID callback = storedCallback(queue, number);
        long instance = startCallCustomer(callback, policy(queue, Instant.now().minus(Duration.ofHours(1))));

        await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(RecordStream.of(engine.getRecordStreamSource())
                .processInstanceRecords().spliterator(), false).anyMatch(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                && r.getValue().getBpmnElementType() == BpmnElementType.PROCESS && r.getKey() == instance));
        assertThat(variableOf(instance, "callResult")).hasValue("\"EXPIRED\"");
        assertThat(dialsTo(number)).as("nobody dialed after the deadline").isEmpty();
    }
}
