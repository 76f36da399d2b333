package io.ringback.simulator;

/**
 * A caller in {@code Queue()}.
 *
 * @param channel       the channel in the queue, reported by QueueCallerJoin, AgentCalled and the like
 * @param callback      for a callback placed by Originate, its channels ({@code channel} is the
 *                      {@code ;1} half), which Asterisk hangs up and reports when the call ends;
 *                      {@code null} for an inbound caller, for whose served calls the captures show no
 *                      Hangups
 * @param membersAnswer whether a rung member answers; {@code false} for a callback whose customer
 *                      leaves the queue ({@link CustomerBehaviour#ANSWER_THEN_LEAVE_QUEUE})
 */
record QueueCaller(Channel channel, ChannelPair callback, boolean membersAnswer) {

    static QueueCaller inbound(Channel channel) {
        return new QueueCaller(channel, null, true);
    }

    static QueueCaller callback(ChannelPair call, boolean membersAnswer) {
        return new QueueCaller(call.one(), call, membersAnswer);
    }

    boolean isCallback() {
        return callback != null;
    }
}
