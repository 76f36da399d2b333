package io.ringback.simulator;

import java.util.Optional;

/**
 * The two halves of a Local channel, {@code ;1} (the one that was requested or dialed) and {@code ;2}
 * (the one that runs the Local channel's extension), which Asterisk hangs up and reports separately.
 * A channel of another technology has no second half.
 *
 * @param one the {@code ;1} half, or the only channel
 * @param two the {@code ;2} half, or {@code null} for a channel that is not a Local channel
 */
record ChannelPair(Channel one, Channel two) {

    Optional<Channel> second() {
        return Optional.ofNullable(two);
    }

    ChannelPair withStates(ChannelState stateOne, ChannelState stateTwo) {
        return new ChannelPair(one.withState(stateOne), two == null ? null : two.withState(stateTwo));
    }
}
