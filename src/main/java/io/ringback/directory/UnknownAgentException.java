package io.ringback.directory;

/** No agent has this user id. The API answers {@code 404} with a problem naming it. */
public class UnknownAgentException extends RuntimeException {

    private final String userId;

    public UnknownAgentException(String userId) {
        super("No agent " + userId);
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }
}
