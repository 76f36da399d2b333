package io.ringback.simulator;

/**
 * The state of one queue membership at one moment, as printed by QueueMemberStatus, QueueMemberPause,
 * QueueMemberAdded and the QueueMember entries of QueueStatus. Times are epoch seconds (0 = never).
 */
record MemberSnapshot(
        String queue,
        String name,
        String memberInterface,
        String membership,
        int callsTaken,
        long lastCall,
        long lastPause,
        long loginTime,
        boolean inCall,
        int status,
        boolean paused,
        String pausedReason) {

    MemberSnapshot withStatus(int newStatus) {
        return new MemberSnapshot(queue, name, memberInterface, membership, callsTaken, lastCall, lastPause,
                loginTime, inCall, newStatus, paused, pausedReason);
    }
}
