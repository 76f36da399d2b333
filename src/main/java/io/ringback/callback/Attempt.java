package io.ringback.callback;

import java.time.Instant;
import java.util.UUID;

/** One row of the attempt log: one per dial, written before the Originate is sent. */
public record Attempt(
        UUID callbackId,
        int attempt,
        String actionId,
        String agentInterface,
        Instant createdAt,
        Instant originateSentAt,
        AttemptOutcome outcome,
        Integer reasonCode,
        String detail,
        Instant endedAt) {}
