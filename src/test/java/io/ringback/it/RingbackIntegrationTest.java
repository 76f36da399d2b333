package io.ringback.it;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
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
 * queue names and phone numbers; {@code models/queue-settings-it.dmn} gives the {@code it-fast*}
 * and {@code it-idle*} queues short timings.
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
        "ringback.ami.login-retry-initial=200ms"})
public abstract class RingbackIntegrationTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static volatile boolean testModelsDeployed;

    @Autowired protected SimulatedAsterisk asterisk;
    @Autowired protected CamundaClient camunda;
    @Autowired protected CallbackRepository callbacks;
    @Autowired protected AttemptRepository attempts;
    @Autowired protected AmiConnection ami;
    @Autowired protected JdbcClient jdbc;

    @BeforeEach
    void deployTestModelsAndWaitForAmi() {
        if (!testModelsDeployed) {
            camunda.newDeployResourceCommand().addResourceFromClasspath("models/queue-settings-it.dmn").send().join();
            testModelsDeployed = true;
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
        callbacks.insertReceived(id, "TEST", new io.ringback.callback.AbandonedCall(queue, number, "Test", 30,
                java.time.Instant.now(), "stored-" + id), number);
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
        return await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> callbacks.find(callbackId).orElseThrow(), c -> c.status() == status);
    }

    protected List<Attempt> attemptsOf(UUID callbackId) {
        return attempts.forCallback(callbackId);
    }

    protected List<OriginateRecord> dialsTo(String number) {
        String digits = digits(number);
        return asterisk.originates().stream().filter(o -> o.dialedNumber().endsWith(digits)).toList();
    }
}
