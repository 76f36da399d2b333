package io.ringback.callback;

import java.time.Instant;

/**
 * A call abandoned in a queue, from AMI {@code QueueCallerAbandon} or from another PBX over the API.
 *
 * @param source the PBX or API client that reported it; with {@code uniqueId} the key of the abandon
 * @param uniqueId the source's id of the abandoned call (Asterisk Uniqueid); the same id from the same source seen twice is one abandon
 * @param callerNumber as the PBX gave it; normalised by the intake
 */
public record AbandonedCall(String source, String queue, String callerNumber, String callerName, int holdTimeSeconds,
                            Instant abandonedAt, String uniqueId) {}
