package io.ringback.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One queue: its members, the callers waiting in FIFO order and the statistics QueueParams reports.
 * Members are offered calls {@code rrmemory}-style: round robin, starting after the member that took
 * the previous call. Not thread-safe; guarded by the {@link QueueEngine} lock.
 */
final class CallQueue {

    /** Asterisk's default {@code servicelevel}: only calls answered (or abandoned) at once count as within it. */
    private static final long SERVICE_LEVEL_SECONDS = 0;

    /**
     * A caller waiting for a free member.
     *
     * @param originalPosition its position when it joined
     * @param rungAgent        the channels of a member rung for it who never answers, or {@code null}
     */
    record WaitingCaller(QueueCaller caller, Instant joinedAt, int originalPosition, ChannelPair rungAgent) {

        Channel channel() {
            return caller.channel();
        }
    }

    private final String name;
    private final List<QueueMember> members = new ArrayList<>();
    private final Deque<WaitingCaller> waiting = new ArrayDeque<>();
    private int lastConnected = -1;
    private int completed;
    private int abandoned;
    private int completedInServiceLevel;
    private int abandonedInServiceLevel;
    private long holdTime;
    private long talkTime;

    CallQueue(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    List<QueueMember> members() {
        return members;
    }

    Deque<WaitingCaller> waiting() {
        return waiting;
    }

    /** The first waiting caller a member may answer, in FIFO order. */
    Optional<WaitingCaller> nextAnswerable() {
        return waiting.stream().filter(w -> w.caller().membersAnswer()).findFirst();
    }

    /** The caller's 1-based position in the queue, or -1 when it is no longer waiting. */
    int positionOf(WaitingCaller caller) {
        int position = 1;
        for (WaitingCaller candidate : waiting) {
            if (candidate == caller) {
                return position;
            }
            position++;
        }
        return -1;
    }

    void remove(WaitingCaller caller) {
        waiting.removeIf(candidate -> candidate == caller);
    }

    Optional<QueueMember> member(String memberInterface) {
        return members.stream().filter(m -> m.memberInterface().equals(memberInterface)).findFirst();
    }

    void add(QueueMember member) {
        members.add(member);
    }

    /** The next free member in round-robin order after the one that took the previous call. */
    Optional<QueueMember> freeMember() {
        for (int i = 1; i <= members.size(); i++) {
            QueueMember candidate = members.get(Math.floorMod(lastConnected + i, members.size()));
            if (candidate.isFree()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A member took a call after {@code holdSeconds} on hold. */
    void connected(QueueMember member, long holdSeconds) {
        lastConnected = members.indexOf(member);
        holdTime = weightedAverage(holdTime, holdSeconds);
    }

    void completed(long holdSeconds, long talkSeconds) {
        completed++;
        if (holdSeconds <= SERVICE_LEVEL_SECONDS) {
            completedInServiceLevel++;
        }
        talkTime = completed == 1 ? talkSeconds : weightedAverage(talkTime, talkSeconds);
    }

    void abandoned(long holdSeconds) {
        abandoned++;
        if (holdSeconds <= SERVICE_LEVEL_SECONDS) {
            abandonedInServiceLevel++;
        }
    }

    QueueSnapshot snapshot(Instant now) {
        List<QueueSnapshot.Entry> entries = new ArrayList<>();
        int position = 1;
        for (WaitingCaller caller : waiting) {
            entries.add(new QueueSnapshot.Entry(position++, caller.channel(),
                    Duration.between(caller.joinedAt(), now).toSeconds()));
        }
        double serviceLevelPerf = completed > 0 ? 100.0 * completedInServiceLevel / completed : 0.0;
        int finished = completed + abandoned;
        double serviceLevelPerf2 = finished > 0
                ? 100.0 * (completedInServiceLevel + abandonedInServiceLevel) / finished
                : 0.0;
        return new QueueSnapshot(name, waiting.size(), holdTime, talkTime, completed, abandoned,
                serviceLevelPerf, serviceLevelPerf2, members.stream().map(QueueMember::snapshot).toList(), entries);
    }

    /** Asterisk's running average: three quarters old value, one quarter new sample. */
    private static long weightedAverage(long average, long sample) {
        return (average * 3 + sample) / 4;
    }
}
