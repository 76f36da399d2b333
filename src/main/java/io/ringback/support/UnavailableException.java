package io.ringback.support;

/**
 * Something the request needs is not reachable now (the process engine): nothing was stored, the
 * client may try again. Answered with an RFC 7807 problem ({@code 503}).
 */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
