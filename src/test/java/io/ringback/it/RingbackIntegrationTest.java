package io.ringback.it;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.util.stream.StreamSupport;
import io.ringback.callback.Attempt;
import io.ringback.callback.AttemptRepository;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackRepository;
import io.ringback.callback.CallbackStatus;
import io.ringback.simulator.OriginateRecord;
import io.ringback.simulator.SimulatedAsterisk;
import io.ringback.telephony.AmiConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole application on its embedded defaults: the in-memory Zeebe engine over gRPC, an
 * embedded PostgreSQL over JDBC and the simulated Asterisk over AMI/TCP, with the real workers.
 * One context for every subclass (Spring caches it). Tests isolate themselves by using their own
 * queue names and phone numbers; {@code models/abandoned-call-rules-it.dmn} and
 * {@code models/dial-policy-it.dmn} give the {@code it-*} queues their timings (see their rows), {@code models/time-condition-it.dmn} adds the {@code it-night-shift}
 * time condition to the shipped ones.
 */
@AutoConfigureObservability(tracing = false) // export metrics as the application does (Prometheus)
@ActiveProfiles("embedded") // the embedded mode, as `mvn spring-boot:run`
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ringback.embedded.zeebe.port=0",
        "ringback.embedded.asterisk.port=0",
        "ringback.embedded.asterisk.demo=false",
        "camunda.client.worker.defaults.stream-enabled=true",
        "camunda.client.worker.defaults.poll-interval=PT1H",
        "ringback.originate.timeout=2s",
        "ringback.originate.outcome-grace=3s",
        "ringback.process.republish-after=2s",
        "ringback.process.republish-interval=1s",
        "ringback.process.job-retry-backoff=1s",
        "ringback.ami.login-retry-initial=200ms",
        "ringback.process.outbox-interval=200ms",
        "ringback.callbacks.orphan-check-interval=1s",
        "ringback.embedded.asterisk.message-duration=200ms",
        "ringback.embedded.asterisk.leave-queue-after=1s",
        "ringback.ami.action-timeout=2s",
        // a fresh engine's first commands (the models' deployment at start) are slow on a busy 2-core machine
        "camunda.client.request-timeout=PT60S"})
public abstract class RingbackIntegrationTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger();
    /** The engines the test models were deployed to: a test class with other properties has a context (and an engine) of its own. */
    private static final java.util.Set<ZeebeTestEngine> TEST_MODELS_DEPLOYED =
            java.util.Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());

    @Autowired protected SimulatedAsterisk asterisk;
    @Autowired protected CamundaClient camunda;
    @Autowired protected CallbackRepository callbacks;
    @Autowired protected AttemptRepository attempts;
    @Autowired protected AmiConnection ami;
    @Autowired protected JdbcClient jdbc;
    @Autowired protected ZeebeTestEngine engine;

    @BeforeEach
    void deployTestModelsAndWaitForAmi() {
        if (TEST_MODELS_DEPLOYED.add(engine)) {
            camunda.newDeployResourceCommand().addResourceFromClasspath("models/abandoned-call-rules-it.dmn").send().join();
            camunda.newDeployResourceCommand().addResourceFromClasspath("models/dial-policy-it.dmn").send().join();
            camunda.newDeployResourceCommand().addResourceFromClasspath("models/time-condition-it.dmn").send().join();
        }
        await().atMost(Duration.ofSeconds(20)).until(ami::isConnected);
    }

    /** A phone number no other test uses. */
    protected static String newNumber() {
        return "+55119" + String.format("%08d", 20_000_000 + NUMBERS.incrementAndGet() * 7919 % 70_000_000);
    }

    /** The number as the simulator sees it in a dial string: digits only. */
    protected static String digits(String number) {
        return number.replaceAll("\\D", "");
    }

    /**
     * A callback row that no process instance works on (its instance key is a placeholder, so the
     * start republisher leaves it alone): for tests of single steps.
     */
    protected UUID storedCallback(String queue, String number) {
        UUID id = UUID.randomUUID();
        callbacks.insertReceived(id, "ABANDONED_CALL", new io.ringback.callback.AbandonedCall("test", queue, number, "Test", 30,
                java.time.Instant.now(), "stored-" + id), number, "test");
        jdbc.sql("update callback set process_instance_key = -1 where id = ?").param(id).update();
        return id;
    }

    /** A queue of its own with one free agent. */
    protected String queueWithAgent(String prefix) {
        String queue = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        asterisk.addMember(queue, "Local/" + queue + "-agent@agents", "Agent of " + queue);
        return queue;
    }

    protected Callback awaitCallback(String queue, String number) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> callbacks.search(null, queue, number, 10, 0), list -> !list.isEmpty()).getFirst();
    }

    protected Callback awaitStatus(UUID callbackId, CallbackStatus status, Duration within) {
        return await().atMost(within)
                .until(() -> callbacks.find(callbackId).orElseThrow(), c -> c.status() == status);
    }

    protected List<Attempt> attemptsOf(UUID callbackId) {
        return attempts.forCallback(callbackId);
    }

    /** The process instances of a callback: its own and the call-customer instances it called. */
    protected java.util.Set<Long> instancesOf(UUID callbackId) {
        var records = RecordStream.of(engine.getRecordStreamSource());
        String json = "\"" + callbackId + "\"";
        return StreamSupport.stream(records.variableRecords().spliterator(), false).map(Record::getValue)
                .filter(v -> v.getName().equals("callbackId") && v.getValue().equals(json))
                .map(VariableRecordValue::getProcessInstanceKey).collect(java.util.stream.Collectors.toSet());
    }

    /** The call-customer instance of a callback, once it exists. */
    protected java.util.Optional<Long> callInstanceOf(UUID callbackId) {
        var records = RecordStream.of(engine.getRecordStreamSource());
        String json = "\"" + callbackId + "\"";
        return StreamSupport.stream(records.variableRecords().spliterator(), false).map(Record::getValue)
                .filter(v -> v.getName().equals("callbackId") && v.getValue().equals(json)
                        && v.getBpmnProcessId().equals(io.ringback.process.CallbackProcess.CALL_CUSTOMER_PROCESS_ID))
                .map(VariableRecordValue::getProcessInstanceKey).findFirst();
    }

    /** The first incident raised in any instance of the callback. */
    protected java.util.Optional<IncidentRecordValue> incidentOf(UUID callbackId) {
        var keys = instancesOf(callbackId);
        var records = RecordStream.of(engine.getRecordStreamSource());
        return StreamSupport.stream(records.incidentRecords().spliterator(), false)
                .filter(r -> r.getIntent() == IncidentIntent.CREATED).map(Record::getValue)
                .filter(v -> keys.contains(v.getProcessInstanceKey())).findFirst();
    }

    /** The last value of a variable in an instance, as JSON. */
    protected java.util.Optional<String> variableOf(long processInstanceKey, String name) {
        var records = RecordStream.of(engine.getRecordStreamSource());
        return StreamSupport.stream(records.variableRecords().spliterator(), false).map(Record::getValue)
                .filter(v -> v.getProcessInstanceKey() == processInstanceKey && v.getName().equals(name))
                .map(VariableRecordValue::getValue).reduce((a, b) -> b);
    }

    /** The ids of the elements activated in an instance, in order (an element activated twice is there twice). */
    protected List<String> elementsActivatedIn(long processInstanceKey) {
        var records = RecordStream.of(engine.getRecordStreamSource());
        return StreamSupport.stream(records.processInstanceRecords().spliterator(), false)
                .filter(r -> r.getIntent() == io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent.ELEMENT_ACTIVATED)
                .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey)
                .map(r -> r.getValue().getElementId()).toList();
    }

    protected List<OriginateRecord> dialsTo(String number) {
        String digits = digits(number);
        return asterisk.originates().stream().filter(o -> o.dialedNumber().endsWith(digits)).toList();
    }
}
