package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringback.callback.AbandonedCall;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackRepository;
import io.ringback.process.CallTarget;
import io.ringback.callback.CallbackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The database constraints that carry the guarantees. */
class CallbackRepositoryTest extends RingbackIntegrationTest {

    private UUID received(String queue, String number) {
        return storedCallback(queue, number);
    }

    /** Two callbacks received for one number in one new queue. */
    private record SameNumber(String number, UUID first, UUID second) {}

    private SameNumber twoForOneNumber() {
        String queue = "repo-" + UUID.randomUUID();
        String number = newNumber();
        return new SameNumber(number, received(queue, number), received(queue, number));
    }

    @Test
    void onlyOneCallbackPerNumberAndQueueBecomesPending() {
        SameNumber same = twoForOneNumber();
        UUID first = same.first();
        UUID second = same.second();

        assertThat(callbacks.accept(first)).isEmpty();
        assertThat(callbacks.accept(second)).contains(first);
        assertThat(callbacks.find(second).orElseThrow().status()).isEqualTo(CallbackStatus.RECEIVED);
    }

    @Test
    void aBrokenConstraintSaysWhichButNotTheNumber() {
        // PostgreSQL's detail ("Key (queue, phone_number)=(…, +55…) already exists") would carry the number
        // into the exception, and from there into the log and an incident (pgjdbc logServerErrorDetail=false)
        SameNumber same = twoForOneNumber();
        callbacks.accept(same.first());

        assertThatThrownBy(() -> jdbc.sql("update callback set status = 'PENDING' where id = ?").param(same.second()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("callback_one_pending_per_number")
                .satisfies(e -> assertThat(org.apache.commons.lang3.exception.ExceptionUtils.getStackTrace(e))
                        .doesNotContain(digits(same.number())));
    }

    @Test
    void aCallbackIsAcceptedAgainWithoutChangeButAnEndedOneNever() {
        UUID id = received("repo-" + UUID.randomUUID(), newNumber());
        assertThat(callbacks.accept(id)).isEmpty();
        assertThat(callbacks.accept(id)).as("a redelivered accept-callback job").isEmpty();

        UUID disabled = received("repo-" + UUID.randomUUID(), newNumber());
        callbacks.end(disabled, CallbackStatus.DISABLED, "callbacks are disabled");
        assertThatThrownBy(() -> callbacks.accept(disabled))
                .isInstanceOf(io.ringback.callback.CallbackRepository.AlreadyEndedException.class)
                .hasMessageContaining("is DISABLED, not RECEIVED");
        assertThat(callbacks.find(disabled).orElseThrow().status()).isEqualTo(CallbackStatus.DISABLED);
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
        callbacks.insertReceived(id, "ABANDONED_CALL", call, number, "ami:test");
        callbacks.insertAbandonEvent(call, id);

        var ended = awaitStatus(id, CallbackStatus.DISABLED, Duration.ofSeconds(20));
        assertThat(ended.processInstanceKey()).isNotNull();
    }

    @Test
    void aCallbackOfAnotherKindHasNoAbandonFieldsAndKeepsItsTargetAndCreator() {
        UUID id = UUID.randomUUID();
        String queue = "repo-" + UUID.randomUUID();
        Instant requested = Instant.parse("2026-12-01T12:00:00Z");
        callbacks.insertRequested(new CallbackRepository.NewCallback(id, "SCHEDULED", new CallTarget(queue, "vip", null),
                "+5511912345678", "(11) 91234-5678", "Rita", requested, "agent1"));
        jdbc.sql("update callback set process_instance_key = -1 where id = ?").param(id).update(); // no kind starts it here

        Callback stored = callbacks.find(id).orElseThrow();
        assertThat(stored.origin()).isEqualTo("SCHEDULED");
        assertThat(stored.holdTimeSeconds()).isNull();
        assertThat(stored.abandonedAt()).isNull();
        assertThat(stored.abandonCount()).isZero();
        assertThat(stored.requestedAt()).isEqualTo(requested);
        assertThat(stored.target()).isEqualTo(new CallTarget(queue, "vip", null));
        assertThat(stored.createdBy()).isEqualTo("agent1");
        assertThat(callbacks.search("SCHEDULED", null, queue, null, 10, 0)).extracting(Callback::id).containsExactly(id);
        assertThat(callbacks.search("ABANDONED_CALL", null, queue, null, 10, 0)).isEmpty();
    }

    @Test
    void theDatabaseRefusesAnUnknownOriginAndAnAbandonWithoutItsFields() {
        assertThatThrownBy(() -> callbacks.insertRequested(new CallbackRepository.NewCallback(UUID.randomUUID(), "TEST",
                CallTarget.queue("repo"), "+5511912345678", "+5511912345678", null, Instant.now(), "test")))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("callback_origin_valid");
        assertThatThrownBy(() -> callbacks.insertRequested(new CallbackRepository.NewCallback(UUID.randomUUID(),
                "ABANDONED_CALL", CallTarget.queue("repo"), "+5511912345678", "+5511912345678", null, Instant.now(), "test")))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("callback_abandon_has_its_fields");
    }
}
