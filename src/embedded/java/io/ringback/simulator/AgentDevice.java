package io.ringback.simulator;

/**
 * The device behind a member interface, shared by every queue the interface belongs to: whether it
 * is logged in and how many calls it is on. Not thread-safe; guarded by the {@link QueueEngine} lock.
 */
final class AgentDevice {

    /** Asterisk device state {@code AST_DEVICE_NOT_INUSE}: free. */
    private static final int STATUS_NOT_IN_USE = 1;
    /** Asterisk device state {@code AST_DEVICE_INUSE}: on a call. */
    static final int STATUS_IN_USE = 2;
    /** Asterisk device state {@code AST_DEVICE_UNAVAILABLE}: logged out / unreachable. */
    private static final int STATUS_UNAVAILABLE = 5;

    private final String memberInterface;
    private boolean loggedIn = true;
    private int activeCalls;

    AgentDevice(String memberInterface) {
        this.memberInterface = memberInterface;
    }

    String memberInterface() {
        return memberInterface;
    }

    int status() {
        if (!loggedIn) {
            return STATUS_UNAVAILABLE;
        }
        return activeCalls > 0 ? STATUS_IN_USE : STATUS_NOT_IN_USE;
    }

    boolean inCall() {
        return activeCalls > 0;
    }

    /** Logged in and on no call. */
    boolean isIdle() {
        return loggedIn && activeCalls == 0;
    }

    void loggedIn(boolean loggedIn) {
        this.loggedIn = loggedIn;
    }

    void callStarted() {
        activeCalls++;
    }

    void callEnded() {
        activeCalls = Math.max(0, activeCalls - 1);
    }
}
