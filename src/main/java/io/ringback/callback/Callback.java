package io.ringback.callback;

import java.time.Instant;
import java.util.UUID;

/**
 * One callback as stored; {@code phoneNumber} (normal form) and {@code phoneNumberDisplay} (as given)
 * are personal data (see {@link io.ringback.support.PhoneNumbers}).
 *
 * <p>Every kind of callback (its {@code origin}) shares this record; {@code holdTimeSeconds},
 * {@code abandonedAt} and {@code lastAbandonAt} are set only for abandoned calls.
 *
 * @param requestedAt when the callback was asked for: the abandon, the agent scheduling it, the website posting it
 * @param targetGroup when set, only agents of this directory group take the call
 * @param targetAgent when set, only this agent (directory user id) takes the call
 * @param createdBy who asked for it: a user, or {@code ami:<host>} / {@code api:<client>} for reported abandons
 * @param cancelledBy the user who cancelled it, if one did
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
        Integer holdTimeSeconds,
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
        Instant endedAt,
        Instant requestedAt,
        String targetGroup,
        String targetAgent,
        String createdBy,
        String cancelledBy) {

    /** Who takes the call. */
    public io.ringback.process.CallTarget target() {
        return new io.ringback.process.CallTarget(queue, targetGroup, targetAgent);
    }

    public boolean waitingForAgent() {
        return "AGENT".equals(waitingFor);
    }
}
