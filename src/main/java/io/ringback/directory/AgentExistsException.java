package io.ringback.directory;

/** {@link AgentDirectory#create} for a user id that is taken. The API answers {@code 409}. */
public class AgentExistsException extends RuntimeException {

    private final String userId;

    public AgentExistsException(String userId) {
        super("Agent " + userId + " exists already");
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }
}
