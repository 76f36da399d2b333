package io.ringback.telephony;

/** Asterisk refused an Originate, or it could not be sent. */
public class OriginateRejectedException extends RuntimeException {
    public OriginateRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
