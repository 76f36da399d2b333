package io.ringback.telephony;

/** AMI is not connected right now: a technical failure, retried with backoff. */
public class AmiUnavailableException extends RuntimeException {
    public AmiUnavailableException(String message) {
        super(message);
    }
}
