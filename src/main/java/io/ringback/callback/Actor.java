package io.ringback.callback;

/**
 * Who asks for a change, and whether they may change what somebody else created (they hold
 * {@code callbacks:supervise}); the controllers make it from the signed-in user.
 */
public record Actor(String name, boolean supervises) {

    /** Whether this actor may change a callback {@code createdBy} created. */
    public boolean mayChange(String createdBy) {
        return supervises || name.equals(createdBy);
    }
}
