package io.ringback.callback;

/**
 * Nothing was dialed for this attempt, and the attempt is not used up: the AMI link is down, or the
 * agent claim expired before the call could be placed. The model tries again (BPMN error
 * {@code CALL_NOT_PLACED}).
 */
public class CallNotPlacedException extends RuntimeException {
    public CallNotPlacedException(String reason) {
        super(reason);
    }
}
