package io.ringback.callback;

/**
 * The outcome of one dial. Picking up is not being served: an attempt succeeds when the customer
 * reaches an agent ({@link #CONNECTED}).
 */
public enum AttemptOutcome {
    /** The customer answered and reached an agent: the callback succeeded. */
    CONNECTED,
    /**
     * The customer answered (OriginateResponse reason 4). Final only when nothing was reported after
     * it: whether an agent took the call is not known (the AMI link was down, say).
     */
    ANSWERED,
    /** The customer answered, then hung up (or left the queue) before an agent took the call. */
    ABANDONED_AFTER_ANSWER,
    BUSY,
    NO_ANSWER,
    CONGESTION,
    FAILED;

    /**
     * Asterisk's reason codes as seen on the wire (shared/ami-transcripts): 4 answered, 5 busy,
     * 3 no answer (ring timeout), 8 congestion; 1 (hangup before answer), 0 (no route, rejected,
     * unallocated) and anything else are failures.
     */
    public static AttemptOutcome fromReasonCode(Integer reason) {
        if (reason == null) {
            return FAILED;
        }
        return switch (reason) {
            case 4 -> ANSWERED;
            case 5 -> BUSY;
            case 3 -> NO_ANSWER;
            case 8 -> CONGESTION;
            default -> FAILED;
        };
    }
}
