package io.ringback.queuelog;

import java.time.Instant;

/**
 * An {@code ABANDON} row of the queue_log with what its {@code ENTERQUEUE} row says about the caller.
 *
 * @param at when the caller hung up (the ABANDON row's time)
 * @param callId the Uniqueid of the caller's channel: the same as the AMI {@code QueueCallerAbandon}'s
 * @param waitSeconds how long the caller waited ({@code data3}: position|original position|wait time)
 * @param callerNumber the caller id number of the ENTERQUEUE row ({@code data2}), empty when unknown or restricted
 * @param callerName the caller id name ({@code data4}, only with {@code log-caller-id-name} in queues.conf), or {@code null}
 */
public record QueueLogAbandon(Instant at, String callId, String queue, int waitSeconds, String callerNumber,
                              String callerName) {}
