package io.ringback.callback;

/** The outcome of one dial, from the AMI {@code OriginateResponse} reason code. */
public enum AttemptOutcome {
    ANSWERED,
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
