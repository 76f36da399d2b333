package io.ringback.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.BackoffSupplier;
import io.camunda.client.jobhandling.DefaultCommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.DefaultNoopMetricsRecorder;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker's technical failure as the engine records it: the job fails with one retry less and the
 * backoff, and the incident when none is left says in one line what failed — never the stack trace,
 * whose nested messages (a driver's, a library's) may quote a customer's number and which Operate
 * would keep with the incident. The trace is in the orchestrator's log.
 */
class JobFailureHandlingTest {

    private static ProcessTestEngine engine;
    private static ScheduledExecutorService scheduler;
    private static JobExceptionHandlingStrategy strategy;

    @BeforeAll
    static void start() {
        engine = new ProcessTestEngine();
        engine.client().newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("fails-twice")
                        .startEvent().serviceTask("Task_Fails", t -> t.zeebeJobType("fails").zeebeJobRetries("2"))
                        .endEvent().done(), "fails-twice.bpmn")
                .send().join();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        var commands = new DefaultCommandExceptionHandlingStrategy(BackoffSupplier.newBackoffBuilder().build(), scheduler);
        var properties = new ProcessProperties(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(7), Duration.ofSeconds(1));
        strategy = new JobFailureHandling().jobExceptionHandlingStrategy(commands, new DefaultNoopMetricsRecorder(),
                properties, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        engine.close();
    }

    @Test
    void aTechnicalFailureRetriesWithTheBackoffAndEndsInAnIncidentOfOneLine() throws Exception {
        long instance = engine.client().newCreateInstanceCommand().bpmnProcessId("fails-twice").latestVersion()
                .send().join().getProcessInstanceKey();
        var failure = new IllegalStateException("database down",
                new RuntimeException("the driver's own words: row (queue-1, +5511987654321)"));

        fail(engine.activate("fails"), failure);
        engine.increaseTime(Duration.ofSeconds(8)); // past the backoff
        fail(engine.activate("fails"), failure);

        List<Record<JobRecordValue>> failed = StreamSupport.stream(engine.records().jobRecords().spliterator(), false)
                .filter(r -> r.getIntent() == JobIntent.FAILED && r.getValue().getProcessInstanceKey() == instance)
                .toList();
        assertThat(failed).extracting(r -> r.getValue().getRetries()).containsExactly(1, 0);
        assertThat(failed.getFirst().getValue().getRetryBackoff()).isEqualTo(Duration.ofSeconds(7).toMillis());
        Record<IncidentRecordValue> incident = StreamSupport.stream(engine.records().incidentRecords().spliterator(), false)
                .filter(r -> r.getIntent() == IncidentIntent.CREATED && r.getValue().getProcessInstanceKey() == instance)
                .findFirst().orElseThrow();
        assertThat(incident.getValue().getElementId()).isEqualTo("Task_Fails");
        assertThat(incident.getValue().getErrorMessage()).isEqualTo("IllegalStateException: database down");
    }

    private static void fail(ActivatedJob job, Exception failure) throws Exception {
        JobWorkerValue worker = new JobWorkerValue();
        worker.setMaxRetries(3);
        strategy.handleException(failure, new JobExceptionHandlingStrategy.ExceptionHandlingContext(
                engine.client(), job, worker));
        engine.idle();
        // the fail command is sent without waiting: until the engine has it, the job is still activated
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> StreamSupport.stream(
                        engine.records().jobRecords().spliterator(), false)
                .anyMatch(r -> r.getKey() == job.getKey() && r.getIntent() == JobIntent.FAILED
                        && r.getValue().getRetries() == job.getRetries() - 1));
    }
}
