package io.ringback.support;

/**
 * The request is well formed but the resource's state does not allow it now: a scheduled callback
 * whose window has started cannot be changed. Answered with an RFC 7807 problem ({@code 409}) that says why.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
