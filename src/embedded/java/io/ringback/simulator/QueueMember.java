package io.ringback.simulator;

/**
 * One interface's membership of one queue: pause state and call statistics are per queue, the device
 * (logged in, on a call) is shared. Not thread-safe; guarded by the {@link QueueEngine} lock.
 */
final class QueueMember {

    private final String queue;
    private final String name;
    private final String membership;
    private final long loginTime;
    private final AgentDevice device;
    private boolean paused;
    private String pausedReason = "";
    private long lastPause;
    private int callsTaken;
    private long lastCall;

    /**
     * @param membership {@code static} for configured members, {@code dynamic} for added ones
     * @param loginTime  epoch seconds the member joined the queue
     */
    QueueMember(String queue, String name, String membership, long loginTime, AgentDevice device) {
        this.queue = queue;
        this.name = name;
        this.membership = membership;
        this.loginTime = loginTime;
        this.device = device;
    }

    String queue() {
        return queue;
    }

    String name() {
        return name;
    }

    String memberInterface() {
        return device.memberInterface();
    }

    AgentDevice device() {
        return device;
    }

    /** Logged in, not paused in this queue and on no call. */
    boolean isFree() {
        return !paused && device.isIdle();
    }

    void pause(boolean pause, String reason, long nowEpochSeconds) {
        paused = pause;
        pausedReason = pause && reason != null ? reason : "";
        if (pause) {
            lastPause = nowEpochSeconds;
        }
    }

    void callCompleted(long nowEpochSeconds) {
        callsTaken++;
        lastCall = nowEpochSeconds;
    }

    MemberSnapshot snapshot() {
        return new MemberSnapshot(queue, name, device.memberInterface(), membership, callsTaken, lastCall,
                lastPause, loginTime, device.inCall(), device.status(), paused, pausedReason);
    }
}
