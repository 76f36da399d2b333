package io.ringback.simulator;

/**
 * A simulated channel, carrying what Asterisk prints in the channel block of an event
 * ({@code Channel}, {@code ChannelState}, {@code CallerIDNum}, ..., {@code Uniqueid}, {@code Linkedid}).
 * As in the captures, the connected line of every simulated channel is the caller.
 */
record Channel(
        String name,
        ChannelState state,
        CallerId callerId,
        String context,
        String exten,
        String priority,
        String uniqueId,
        String linkedId) {

    Channel withState(ChannelState newState) {
        return new Channel(name, newState, callerId, context, exten, priority, uniqueId, linkedId);
    }
}
