package io.ringback.simulator;

import java.time.Instant;

/**
 * Told about every call the simulated PBX places for an {@code Originate}: when it was asked for, and
 * when the call is over (every channel of it hung up, or it failed without one). A checker uses it to
 * prove that nothing is dialed twice: two Originates for one attempt, an Originate while another call
 * of the same callback is still live, an Originate after the callback ended.
 *
 * <p>Called on the simulator's own threads, possibly under its queue lock: implementations must not
 * block (enqueue and return).
 */
public interface CallJournal {

    /** An Originate was received (before its outcome is known). */
    void originated(OriginateRecord originate);

    /**
     * The call of an Originate is over.
     *
     * @param channelId the Originate's {@code ChannelId} (its channel's Uniqueid)
     * @param how       {@code failed}, {@code completed}, {@code left queue}, {@code hung up in message}, ...
     */
    void ended(String channelId, Instant at, String how);
}
