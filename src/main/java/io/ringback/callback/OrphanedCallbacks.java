package io.ringback.callback;

import io.ringback.agent.AgentClaims;
import io.ringback.process.ProcessInstances;
import io.ringback.support.CallbackLogContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A {@code PENDING} (or {@code SCHEDULED}) callback whose process instance is gone (cancelled in Operate, engine state
 * lost) would absorb every later abandon of its customer and never call them. Such callbacks are
 * closed as {@code ORPHANED}: when an abandon would join them and the engine says their instance no
 * longer exists, and in any case once they are {@code ringback.callbacks.orphan-grace} past their
 * time limit (an instance stuck in an incident ends at its time limit: its boundary timer still fires).
 */
@Component
public class OrphanedCallbacks {

    private static final Logger log = LoggerFactory.getLogger(OrphanedCallbacks.class);

    private final CallbackRepository callbacks;
    private final ProcessInstances instances;
    private final AgentClaims claims;
    private final CallbackMetrics metrics;
    private final CallbackProperties properties;
    private final Clock clock;

    OrphanedCallbacks(CallbackRepository callbacks, ProcessInstances instances, AgentClaims claims,
                      CallbackMetrics metrics, CallbackProperties properties, Clock clock) {
        this.callbacks = callbacks;
        this.instances = instances;
        this.claims = claims;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether this pending callback's process instance is gone. */
    public boolean instanceGone(Callback callback) {
        return callback.processInstanceKey() != null && !instances.exists(callback.processInstanceKey());
    }

    /** Closes the callback as {@code ORPHANED}; false when it had ended meanwhile. */
    public boolean close(Callback callback, String reason) {
        boolean ended = callbacks.end(callback.id(), CallbackStatus.ORPHANED, reason);
        if (ended) {
            claims.release(callback.id());
            metrics.callbackEnded(callback.origin(), CallbackStatus.ORPHANED);
            try (var logContext = CallbackLogContext.open(callback.id(), callback.processInstanceKey())) {
                log.warn("Callback {} closed as ORPHANED: {}", callback.id(), reason);
            }
        }
        return ended;
    }

    @Scheduled(fixedDelayString = "${ringback.callbacks.orphan-check-interval:1m}",
               initialDelayString = "${ringback.callbacks.orphan-check-interval:1m}")
    void closeOverdue() {
        for (Callback callback : callbacks.pendingPastDeadline(clock.instant(), properties.orphanGrace(), 100)) {
            close(callback, "still " + callback.status().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + properties.orphanGrace().toMinutes() + " min after its time limit or window ("
                    + callback.expiresAt() + "): its process instance " + callback.processInstanceKey()
                    + " is gone or stuck");
        }
    }
}
