package io.ringback.callback;

import java.util.Map;

/** An abandoned call that cannot become a callback; names each bad field and why. */
public class InvalidAbandonedCallException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidAbandonedCallException(Map<String, String> fieldErrors) {
        super("Invalid abandoned call: " + fieldErrors);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
