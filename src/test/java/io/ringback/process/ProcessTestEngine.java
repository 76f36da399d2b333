package io.ringback.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.assertions.ProcessInstanceAssert;
import io.camunda.zeebe.process.test.engine.SandboxEngineFactory;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * The in-memory Zeebe engine with our models deployed, driven by hand: tests complete jobs in
 * place of the workers, publish messages and move the engine clock. A fresh engine per test: time travel moves every timer of an engine.
 */
public final class ProcessTestEngine implements AutoCloseable {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(1);

    private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

    private final ZeebeTestEngine engine;
    private final CamundaClient client;
    private final RecordStream records;
    /**
     * Whether the engine may have work to do since it was last seen idle: every request of the client
     * (and every move of the clock) sets it. Seeing the engine idle costs at least 100 ms (two looks,
     * 50 ms apart), and the helpers ask before and after each step: asking again when nothing was
     * sent since answers at once (after a move of the clock the engine is looked at once more: it
     * fires the timers that fell due on its own time). Timers that fall due as real time passes are
     * not seen this way; the tests move the engine's clock instead.
     */
    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean(true);

    public ProcessTestEngine(String... extraResources) {
        engine = SandboxEngineFactory.inMemory();
        engine.start();
        client = CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://" + engine.getGatewayAddress()))
                .restAddress(URI.create("http://" + engine.getGatewayAddress()))
                .preferRestOverGrpc(false)
                .withInterceptors(new io.grpc.ClientInterceptor() {
                    @Override
                    public <Q, A> io.grpc.ClientCall<Q, A> interceptCall(io.grpc.MethodDescriptor<Q, A> method,
                            io.grpc.CallOptions options, io.grpc.Channel next) {
                        // activating a job is answered once it is done; it sets nothing else in motion
                        if (!method.getFullMethodName().endsWith("/ActivateJobs")) {
                            busy.set(true);
                        }
                        return next.newCall(method, options);
                    }
                })
                .build();
        records = RecordStream.of(engine.getRecordStreamSource());
        client.newDeployResourceCommand()
                .addResourceFromClasspath("bpmn/abandoned-call-callback.bpmn")
                .addResourceFromClasspath("bpmn/call-customer.bpmn")
                .addResourceFromClasspath("bpmn/scheduled-callback.bpmn")
                .addResourceFromClasspath("dmn/abandoned-call-rules.dmn")
                .addResourceFromClasspath("dmn/dial-policy.dmn")
                .addResourceFromClasspath("dmn/callback-time-condition.dmn")
                .requestTimeout(DEPLOY_TIMEOUT) // the first deployment of a fresh engine is slow on a busy machine
                .send().join();
        // test decisions with the same ids become the latest versions, which business rule tasks use
        for (String resource : extraResources) {
            client.newDeployResourceCommand().addResourceFromClasspath(resource).requestTimeout(DEPLOY_TIMEOUT).send().join();
        }
    }

    public CamundaClient client() {
        return client;
    }

    public RecordStream records() {
        return records;
    }

    public void idle() {
        if (!busy.getAndSet(false)) {
            return;
        }
        try {
            engine.waitForIdleState(IDLE_WAIT);
        } catch (Exception e) {
            busy.set(true);
            throw new IllegalStateException("engine did not become idle", e);
        }
    }

    public void increaseTime(Duration duration) {
        busy.set(true);
        engine.increaseTime(duration);
        idle();
        // the engine sees its clock move on its own time: a timer now due may fire after the first idle look
        busy.set(true);
    }

    public void publish(String name, String correlationKey, String messageId, Map<String, ?> variables) {
        var step = client.newPublishMessageCommand().messageName(name).correlationKey(correlationKey)
                .timeToLive(Duration.ofMinutes(10));
        var cmd = messageId == null ? step : step.messageId(messageId);
        cmd.variables(variables).send().join();
        idle();
    }

    /** Activates the one pending job of this type, checks it exists, completes it with the variables. */
    public ActivatedJob complete(String jobType, Map<String, ?> variables) {
        ActivatedJob job = activate(jobType);
        client.newCompleteCommand(job.getKey()).variables(variables).send().join();
        idle();
        return job;
    }

    public ActivatedJob activate(String jobType) {
        idle();
        List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(1)
                .timeout(Duration.ofMinutes(1)).send().join().getJobs();
        assertThat(jobs).as("an activatable job of type %s", jobType).hasSize(1);
        return jobs.getFirst();
    }

    public boolean hasJob(String jobType) {
        idle();
        return !client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(1)
                .timeout(Duration.ofMillis(1)).send().join().getJobs().isEmpty();
    }

    /** The key of the (latest) instance of {@code processId} whose {@code callbackId} variable has this value. */
    public long instanceOf(String callbackId, String processId) {
        return instancesOf(callbackId, processId).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + processId + " instance for callback " + callbackId));
    }

    public long countInstancesOf(String callbackId, String processId) {
        return instancesOf(callbackId, processId).distinct().count();
    }

    private LongStream instancesOf(String callbackId, String processId) {
        idle();
        String json = "\"" + callbackId + "\"";
        return StreamSupport.stream(records.variableRecords().spliterator(), false)
                .map(Record::getValue)
                .filter(v -> v.getName().equals("callbackId") && v.getValue().equals(json)
                        && v.getBpmnProcessId().equals(processId))
                .mapToLong(VariableRecordValue::getProcessInstanceKey);
    }

    /** The key of the parent of this (called) process instance, or -1. */
    public long parentOf(long processInstanceKey) {
        idle();
        return StreamSupport.stream(records.processInstanceRecords().spliterator(), false)
                .map(Record::getValue)
                .filter(v -> v.getProcessInstanceKey() == processInstanceKey && v.getParentProcessInstanceKey() > 0)
                .mapToLong(v -> v.getParentProcessInstanceKey()).findFirst().orElse(-1);
    }

    /** The version of the process definition this instance runs on. */
    public int versionOf(long processInstanceKey) {
        idle();
        return StreamSupport.stream(records.processInstanceRecords().spliterator(), false)
                .map(Record::getValue)
                .filter(v -> v.getProcessInstanceKey() == processInstanceKey)
                .mapToInt(v -> v.getVersion()).findFirst()
                .orElseThrow(() -> new AssertionError("no process instance " + processInstanceKey));
    }

    public void broadcastSignal(String name) {
        client.newBroadcastSignalCommand().signalName(name).send().join();
        idle();
    }

    /** The last value the instance gave this variable, as JSON. */
    public String variable(long processInstanceKey, String name) {
        idle();
        return StreamSupport.stream(records.variableRecords().spliterator(), false).map(Record::getValue)
                .filter(v -> v.getProcessInstanceKey() == processInstanceKey && v.getName().equals(name))
                .map(VariableRecordValue::getValue).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no variable " + name + " in instance " + processInstanceKey));
    }

    /** Completes a job with a BPMN error, as a worker that cannot place a call does. */
    public ActivatedJob throwError(String jobType, String errorCode, String message) {
        ActivatedJob job = activate(jobType);
        client.newThrowErrorCommand(job.getKey()).errorCode(errorCode).errorMessage(message).send().join();
        idle();
        return job;
    }

    public ProcessInstanceAssert assertInstance(long processInstanceKey) {
        idle();
        return new ProcessInstanceAssert(processInstanceKey, records);
    }

    @Override
    public void close() {
        client.close();
        engine.stop();
    }
}
