package io.ringback.simulator;

import java.util.List;

/**
 * One queue as QueueStatus reports it: the QueueParams figures, its members and its waiting callers.
 *
 * @param calls    callers waiting
 * @param holdTime average hold time in seconds (Asterisk's weighted average)
 * @param talkTime average talk time in seconds (Asterisk's weighted average)
 */
record QueueSnapshot(
        String name,
        int calls,
        long holdTime,
        long talkTime,
        int completed,
        int abandoned,
        double serviceLevelPerf,
        double serviceLevelPerf2,
        List<MemberSnapshot> members,
        List<Entry> entries) {

    /** A waiting caller (QueueEntry): its 1-based position and seconds waited so far. */
    record Entry(int position, Channel channel, long waitSeconds) {
    }
}
