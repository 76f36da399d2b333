package io.ringback.agent;

import java.time.Instant;

/**
 * A queue member as the PBX last reported it.
 *
 * @param deviceStatus Asterisk device state: 1 not in use, 2 in use, 3 busy, 5 unavailable, 6 ringing, ...
 * @param idleSince when the member last became free (from AMI LastCall/LoginTime at connect, then observed)
 */
public record QueueMember(String queue, String memberInterface, String name, int deviceStatus, boolean paused,
                          boolean inCall, Instant idleSince) {

    public static final int NOT_IN_USE = 1;

    /** Logged in, not paused, not on a call, device not in use. */
    public boolean available() {
        return deviceStatus == NOT_IN_USE && !paused && !inCall;
    }
}
