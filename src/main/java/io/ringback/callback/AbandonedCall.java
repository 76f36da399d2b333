package io.ringback.callback;

import java.time.Instant;

/**
 * A call abandoned in a queue, from AMI {@code QueueCallerAbandon} or from another PBX over the API.
 *
 * @param uniqueId the PBX's id of the abandoned call (Asterisk Uniqueid); the same id seen twice is one abandon
 * @param callerNumber as the PBX gave it; normalised by the intake
 */
public record AbandonedCall(
        String queue, String callerNumber, String callerName, int holdTimeSeconds, Instant abandonedAt, String uniqueId) {}
