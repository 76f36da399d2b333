package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.callback.Callback;
import io.ringback.callback.CallbackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * A pending callback whose process instance is gone (cancelled in Operate, engine state lost) is
 * detected and closed; it never absorbs the customer's next abandon, which becomes a callback of its own.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
class DeadCallbackTest extends RingbackIntegrationTest {

    @Autowired TestRestTemplate rest;

    private UUID postAbandon(String queue, String number) {
        var response = rest.withBasicAuth("pbx", "demo").postForEntity("/api/abandoned-calls", Map.of("queue", queue,
                "callerNumber", number, "holdTimeSeconds", 40, "abandonedAt", Instant.now().toString()), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return UUID.fromString((String) response.getBody().get("callbackId"));
    }

    @Test
    void aCallbackWhoseInstanceWasCancelledDoesNotAbsorbTheNextAbandon() {
        String queue = queueWithAgent("it-long-dead");
        asterisk.setMemberPaused(queue, "Local/" + queue + "-agent@agents", true, "meeting");
        String number = newNumber();
        UUID first = postAbandon(queue, number);
        Callback pending = awaitStatus(first, CallbackStatus.PENDING, Duration.ofSeconds(20));
        camunda.newCancelInstanceCommand(pending.processInstanceKey()).send().join();

        UUID second = postAbandon(queue, number);

        assertThat(second).as("a callback of its own, not joined to the dead one").isNotEqualTo(first);
        Callback orphaned = awaitStatus(first, CallbackStatus.ORPHANED, Duration.ofSeconds(20));
        assertThat(orphaned.endReason()).contains("process instance " + pending.processInstanceKey());
        awaitStatus(second, CallbackStatus.PENDING, Duration.ofSeconds(20));
    }

    @Test
    void aPendingCallbackPastItsTimeLimitIsClosedAsOrphaned() {
        UUID id = storedCallback("it-long-overdue-" + UUID.randomUUID(), newNumber());
        jdbc.sql("update callback set status = 'PENDING', expires_at = now() - interval '1 hour' where id = ?")
                .param(id).update();

        Callback orphaned = awaitStatus(id, CallbackStatus.ORPHANED, Duration.ofSeconds(30));

        assertThat(orphaned.endReason()).contains("time limit");
    }
}
