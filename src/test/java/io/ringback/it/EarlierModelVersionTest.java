package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringback.callback.AbandonedCall;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackStatus;
import io.ringback.simulator.CustomerBehaviour;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An instance of a version of {@code abandoned-call-callback} deployed before today's is served by today's
 * workers to its end: the version before the shorter path for callbacks that are not called back (there,
 * the dial policy was decided before {@code register-callback}, which applied it, and the ends
 * {@code DISABLED} and {@code NOT_ELIGIBLE} had a {@code record-callback-end} task of their own). Instances
 * of that version may still be at those tasks when the application is upgraded. The test deploys that
 * version (kept in {@code models/history/}) under a process id and start message of its own, so that it
 * stands beside today's model without taking its abandons.
 */
class EarlierModelVersionTest extends RingbackIntegrationTest {

    private static final String PROCESS = "abandoned-call-callback-before-short-path";
    private static final String MESSAGE = "abandoned-call-received-before-short-path";

    @Autowired MeterRegistry meters;

    @BeforeEach
    void deployTheEarlierVersion() throws IOException {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/models/history/abandoned-call-callback-before-short-path.bpmn")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        xml = xml.replace("id=\"abandoned-call-callback\"", "id=\"" + PROCESS + "\"")
                .replace("bpmnElement=\"abandoned-call-callback\"", "bpmnElement=\"" + PROCESS + "\"")
                .replace("name=\"abandoned-call-received\"", "name=\"" + MESSAGE + "\"");
        camunda.newDeployResourceCommand().addResourceStringUtf8(xml, PROCESS + ".bpmn").send().join(); // same: no new version
    }

    /** A callback stored as the intake stores it, started on the earlier version. */
    private UUID abandonOnTheEarlierVersion(String queue, String number, int holdSeconds) {
        UUID id = UUID.randomUUID();
        Instant abandonedAt = Instant.now();
        callbacks.insertReceived(id, "ABANDONED_CALL", new AbandonedCall("test", queue, number, "Old", holdSeconds,
                abandonedAt, "earlier-" + id), number, "test");
        camunda.newPublishMessageCommand().messageName(MESSAGE).correlationKey(id.toString()).messageId("earlier-" + id)
                .variables(Map.of("callbackId", id.toString(), "origin", "ABANDONED_CALL", "queue", queue,
                        "holdTimeSeconds", holdSeconds, "abandonedAt", abandonedAt.toString(),
                        "callerMasked", "+55*******0000~test"))
                .send().join();
        return id;
    }

    @Test
    void aCallbackOfTheEarlierVersionGetsItsDialPolicyAtRegisterAndIsCalledBack() {
        String queue = queueWithAgent("it-fast-earlier");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);

        UUID id = abandonOnTheEarlierVersion(queue, number, 40);

        Callback connected = awaitStatus(id, CallbackStatus.CONNECTED, Duration.ofSeconds(30));
        assertThat(connected.expiresAt()).as("the deadline register-callback stored").isNotNull();
        assertThat(dialsTo(number)).hasSize(1);
        long instance = instancesOf(id).stream().filter(k -> variableOf(k, "expiresAt").isPresent()).findFirst()
                .orElseThrow();
        assertThat(elementsActivatedIn(instance)).containsSubsequence("Task_DetermineDialPolicy",
                "Task_RegisterCallback", "Task_AcceptCallback", "CallActivity_CallCustomer", "Task_RecordConnected");
        assertThat(variableOf(instance, "expiresAt")).contains("\"" + connected.expiresAt() + "\"");
    }

    @Test
    void aDisabledCallbackOfTheEarlierVersionIsEndedOnceAndItsOwnEndTaskChangesNothing() {
        String number = newNumber();
        double disabled = counter("ringback.callbacks.ended", "origin", "ABANDONED_CALL", "end_state", "DISABLED");

        UUID id = abandonOnTheEarlierVersion("billing", number, 60);

        Callback ended = awaitStatus(id, CallbackStatus.DISABLED, Duration.ofSeconds(20));
        assertThat(ended.endReason()).isEqualTo("callbacks are disabled for queue billing");
        long instance = instancesOf(id).iterator().next();
        await().atMost(Duration.ofSeconds(20)).until(() -> elementsActivatedIn(instance).contains("Event_Disabled"));
        assertThat(elementsActivatedIn(instance)).containsSubsequence("Task_RegisterCallback", "Task_RecordDisabled",
                "Event_Disabled");
        assertThat(counter("ringback.callbacks.ended", "origin", "ABANDONED_CALL", "end_state", "DISABLED") - disabled)
                .as("counted once, by register-callback").isEqualTo(1);
        assertThat(dialsTo(number)).isEmpty();
    }

    private double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
