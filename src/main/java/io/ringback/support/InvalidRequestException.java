package io.ringback.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that cannot be taken, naming each bad field and the rule it breaks. The API answers it with
 * an RFC 7807 problem ({@code 400}, an {@code errors} list of field and message).
 */
public class InvalidRequestException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidRequestException(Map<String, String> fieldErrors) {
        super("Invalid request: " + fieldErrors);
        this.fieldErrors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    public InvalidRequestException(String field, String message) {
        this(Map.of(field, message));
    }

    /** Field name to what is wrong with it, in the order found. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
