package io.ringback.callback;

import java.time.Instant;
import java.util.UUID;

/** One callback as stored; {@code phoneNumber} is personal data (see {@link io.ringback.support.PhoneNumbers}). */
public record Callback(
        UUID id,
        String origin,
        String queue,
        String phoneNumber,
        String callerName,
        int holdTimeSeconds,
        Instant abandonedAt,
        CallbackStatus status,
        String endReason,
        int abandonCount,
        Instant lastAbandonAt,
        Long processInstanceKey,
        String settingsJson,
        Instant expiresAt,
        boolean waitingForAgent,
        Instant createdAt,
        Instant updatedAt,
        Instant endedAt) {}
