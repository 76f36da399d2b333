package io.ringback.simulator;

/**
 * A simulated channel, carrying what Asterisk prints in the channel block of an event
 * ({@code Channel}, {@code ChannelState}, {@code CallerIDNum}, ..., {@code Uniqueid}, {@code Linkedid},
 * then any {@code ChanVariable}). As in the captures, the connected line of every simulated channel is
 * the caller.
 */
record Channel(
        String name,
        ChannelState state,
        CallerId callerId,
        String context,
        String exten,
        String priority,
        String uniqueId,
        String linkedId,
        ChannelVariables variables) {

    Channel withState(ChannelState newState) {
        return new Channel(name, newState, callerId, context, exten, priority, uniqueId, linkedId, variables);
    }

    /** The channel at another priority of its dialplan, e.g. in {@code Queue()} or in {@code Playback()}. */
    Channel atPriority(int newPriority) {
        return new Channel(name, state, callerId, context, exten, String.valueOf(newPriority), uniqueId, linkedId,
                variables);
    }
}
