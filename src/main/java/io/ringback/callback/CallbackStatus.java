package io.ringback.callback;

import java.util.Set;

/** Where a callback stands. Every status but RECEIVED, SCHEDULED and PENDING is an end, recorded with its reason. */
public enum CallbackStatus {
    /** Accepted and stored; its process instance is starting. */
    RECEIVED,
    /** A scheduled callback waiting for its call window: it can still be edited or deleted. */
    SCHEDULED,
    /**
     * Being worked on by its process instance: the customer is being called. For abandoned calls, the one
     * pending callback for its number and queue.
     */
    PENDING,
    ANSWERED,
    EXHAUSTED,
    EXPIRED,
    NOT_ELIGIBLE,
    DISABLED,
    CANCELLED,
    SERVED_INBOUND,
    /** Accepted at the same moment as another callback for the same number and queue, and joined to it. */
    MERGED,
    /** The customer reached an agent on a callback call: the callback succeeded. */
    CONNECTED,
    /** A scheduled callback whose window passed without the customer reaching an agent. */
    MISSED,
    /** The customer answered, then hung up before an agent took the call; the queue does not call such customers again. */
    LEFT_AFTER_ANSWER,
    /** Pending, but its process instance is gone (cancelled in Operate, engine state lost) or long past its time limit. */
    ORPHANED;

    public static final Set<CallbackStatus> OPEN = Set.of(RECEIVED, SCHEDULED, PENDING);

    public boolean isEnd() {
        return !OPEN.contains(this);
    }
}
