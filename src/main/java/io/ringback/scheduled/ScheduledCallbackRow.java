package io.ringback.scheduled;

import io.ringback.callback.CallbackStatus;
import io.ringback.process.CallTarget;
import java.time.Instant;
import java.util.UUID;

/**
 * A scheduled callback as stored: its callback row (shared by every kind) joined with what only
 * scheduled callbacks have. {@code phoneNumber} and {@code phoneNumberAsGiven} are personal data.
 * {@code ownerAgent}/{@code ownerGroup}: a sticky callback's owner (none: the queue takes it);
 * {@code ownerWaitSeconds}: its own owner wait (null: the dial policy's).
 * {@link ScheduledCallbacks} returns it: the API shows its views, the agent desktop reads it.
 */
public record ScheduledCallbackRow(UUID id, CallbackStatus status, String queue, String phoneNumber,
                                   String phoneNumberAsGiven, String recipientName, ScheduledWindow window, String reason,
                                   String protocol, int revision, String createdBy, String cancelledBy, String endReason,
                                   Long processInstanceKey, Instant createdAt, Instant updatedAt, Instant endedAt,
                                   String ownerAgent, String ownerGroup, Integer ownerWaitSeconds) {

    /** Who takes the call: the queue, or only its owner (an agent or a group of the directory). */
    CallTarget target() {
        return new CallTarget(queue, ownerGroup, ownerAgent);
    }

    /** A window not started, a callback not ended: it may still be changed or deleted. */
    public boolean changeableAt(Instant now) {
        return !window.startedAt(now) && (status == CallbackStatus.RECEIVED || status == CallbackStatus.SCHEDULED);
    }
}
