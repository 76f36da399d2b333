package io.ringback.callback;

import io.ringback.support.InvalidRequestException;
import java.util.Map;

/** An abandoned call that cannot become a callback; names each bad field and why. */
public class InvalidAbandonedCallException extends InvalidRequestException {

    public InvalidAbandonedCallException(Map<String, String> fieldErrors) {
        super(fieldErrors);
    }
}
