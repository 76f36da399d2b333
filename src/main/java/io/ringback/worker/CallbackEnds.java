package io.ringback.worker;

import io.ringback.agent.AgentClaims;
import io.ringback.callback.CallbackRepository;
import io.ringback.callback.CallbackStatus;
import io.ringback.callback.CallbackMetrics;
import io.ringback.process.AbandonRules;
import io.ringback.process.DialPolicy;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records how a callback ended and why: its row (status, reason, end time; a merged callback counts one
 * more abandon on the one it joined), its agent claim released, the log line and the end metric. Done
 * once: a second record of the same end (a redelivered job) changes nothing. Used by
 * {@code record-callback-end} and by {@code register-callback}, which ends a callback that is not called
 * back itself.
 */
@Component
public class CallbackEnds {

    private static final Logger log = LoggerFactory.getLogger(CallbackEnds.class);

    private final CallbackRepository callbacks;
    private final AgentClaims claims;
    private final TransactionTemplate tx;
    private final CallbackMetrics metrics;
    private final Clock clock;

    CallbackEnds(CallbackRepository callbacks, AgentClaims claims, TransactionTemplate tx, CallbackMetrics metrics,
                 Clock clock) {
        this.callbacks = callbacks;
        this.claims = claims;
        this.tx = tx;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The variables an end reason is made of; most are absent on early ends. */
    public record EndVariables(String callbackId, String endState, String origin, String queue, String abandonedAt,
                               Integer holdTimeSeconds,
                               AbandonRules abandonRules, DialPolicy dialPolicy, Integer attemptsMade, String outcome,
                               String mergedInto,
                               String cancelReason, String servedInQueue) {}

    /** Records the end {@code v.endState()}; in the caller's log context. */
    void record(EndVariables v) {
        UUID id = UUID.fromString(v.callbackId());
        CallbackStatus status = CallbackStatus.valueOf(v.endState());
        String reason = reason(status, v);
        boolean ended = Boolean.TRUE.equals(tx.execute(s -> {
            boolean changed = callbacks.end(id, status, reason);
            if (changed && status == CallbackStatus.MERGED) {
                callbacks.countAbandon(UUID.fromString(v.mergedInto()), clock.instant());
            }
            return changed;
        }));
        claims.release(id);
        if (ended) {
            log.info("Callback {} ended {}: {}", id, status, reason);
            metrics.callbackEnded(v.origin() == null ? "UNKNOWN" : v.origin(), status);
            if (status == CallbackStatus.CONNECTED && v.abandonedAt() != null) {
                metrics.connected(java.time.Duration.between(java.time.Instant.parse(v.abandonedAt()), clock.instant()));
            }
        }
    }

    static String reason(CallbackStatus status, EndVariables v) {
        int attempts = v.attemptsMade() == null ? 0 : v.attemptsMade();
        return switch (status) {
            case DISABLED -> "callbacks are disabled for queue " + v.queue();
            case NOT_ELIGIBLE -> "caller waited " + v.holdTimeSeconds() + " s; queue " + v.queue()
                    + " calls back after at least " + v.abandonRules().minimumWaitSeconds() + " s";
            case MERGED -> "joined callback " + v.mergedInto() + ", already pending for this number";
            case CONNECTED -> "the customer reached an agent on attempt " + attempts;
            case ANSWERED -> "answered on attempt " + attempts + "; whether an agent took the call was not reported";
            case LEFT_AFTER_ANSWER -> "the customer answered attempt " + attempts + " and hung up before an agent "
                    + "took the call; queue " + v.queue() + " does not call such customers again";
            case EXHAUSTED -> "not connected after " + attempts + " attempt(s); last outcome " + v.outcome();
            case MISSED -> "the window ended without the customer reaching an agent, after " + attempts + " attempt(s)"
                    + (v.outcome() == null ? "" : "; last outcome " + v.outcome());
            case EXPIRED -> "time limit of " + v.dialPolicy().timeLimitSeconds() + " s reached after " + attempts
                    + " attempt(s)";
            case SERVED_INBOUND -> "the customer called in again and was served in queue "
                    + (v.servedInQueue() == null ? v.queue() : v.servedInQueue());
            case CANCELLED -> "cancelled" + (v.cancelReason() == null || v.cancelReason().isBlank() ? ""
                    : ": " + v.cancelReason());
            case ORPHANED -> "its process instance is gone";
            case RECEIVED, SCHEDULED, PENDING -> throw new IllegalArgumentException(status + " is not an end");
        };
    }
}
