package io.ringback.support;

/**
 * The user is logged in and holds the endpoint's permission, but not for this one thing: say, editing
 * a callback somebody else created without {@code callbacks:supervise}. Answered with an RFC 7807
 * problem ({@code 403}) naming the permission that would allow it, like the refusals of the URL rules.
 */
public class ForbiddenException extends RuntimeException {

    private final String missingPermission;

    public ForbiddenException(String detail, String missingPermission) {
        super(detail);
        this.missingPermission = missingPermission;
    }

    public String missingPermission() {
        return missingPermission;
    }
}
