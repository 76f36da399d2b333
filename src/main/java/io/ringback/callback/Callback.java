package io.ringback.callback;

import java.time.Instant;
import java.util.UUID;

/**
 * One callback as stored; {@code phoneNumber} (normal form) and {@code phoneNumberDisplay} (as given)
 * are personal data (see {@link io.ringback.support.PhoneNumbers}).
 *
 * @param waitingFor {@code AGENT} or {@code PBX} while the callback waits for one of them, else null
 * @param dueAt when its current attempt became due (callbacks get agents in this order)
 */
public record Callback(
        UUID id,
        String origin,
        String queue,
        String phoneNumber,
        String phoneNumberDisplay,
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
        String waitingFor,
        Instant dueAt,
        Instant createdAt,
        Instant updatedAt,
        Instant endedAt) {

    public boolean waitingForAgent() {
        return "AGENT".equals(waitingFor);
    }
}
