package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.callback.AbandonedCall;
import io.ringback.callback.CallbackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The database constraints that carry the guarantees. */
class CallbackRepositoryTest extends RingbackIntegrationTest {

    private UUID received(String queue, String number) {
        return storedCallback(queue, number);
    }

    @Test
    void onlyOneCallbackPerNumberAndQueueBecomesPending() {
        String queue = "repo-" + UUID.randomUUID();
        String number = newNumber();
        UUID first = received(queue, number);
        UUID second = received(queue, number);

        assertThat(callbacks.accept(first)).isEmpty();
        assertThat(callbacks.accept(second)).contains(first);
        assertThat(callbacks.find(second).orElseThrow().status()).isEqualTo(CallbackStatus.RECEIVED);
    }

    @Test
    void anEndIsRecordedOnce() {
        UUID id = received("repo-" + UUID.randomUUID(), newNumber());
        callbacks.accept(id);

        assertThat(callbacks.end(id, CallbackStatus.ANSWERED, "answered on attempt 1")).isTrue();
        assertThat(callbacks.end(id, CallbackStatus.EXPIRED, "late")).isFalse();
        assertThat(callbacks.find(id).orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CallbackStatus.ANSWERED);
            assertThat(c.endReason()).isEqualTo("answered on attempt 1");
            assertThat(c.endedAt()).isNotNull();
        });
    }

    @Test
    void aCallbackStoredButNeverStartedIsStartedAgain() {
        // as if the application stopped between committing the callback and publishing its start
        String number = newNumber();
        UUID id = UUID.randomUUID();
        var call = new AbandonedCall("test", "billing", number, "Rita", 50, Instant.now(), "lost-start-" + id);
        callbacks.insertReceived(id, "ABANDONED_CALL", call, number);
        callbacks.insertAbandonEvent(call, id);

        var ended = awaitStatus(id, CallbackStatus.DISABLED, Duration.ofSeconds(20));
        assertThat(ended.processInstanceKey()).isNotNull();
    }
}
