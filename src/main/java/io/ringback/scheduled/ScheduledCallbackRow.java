package io.ringback.scheduled;

import io.ringback.callback.CallbackStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A scheduled callback as stored: its callback row (shared by every kind) joined with what only
 * scheduled callbacks have. {@code phoneNumber} and {@code phoneNumberAsGiven} are personal data.
 */
record ScheduledCallbackRow(UUID id, CallbackStatus status, String queue, String phoneNumber, String phoneNumberAsGiven,
                            String recipientName, ScheduledWindow window, String reason, String protocol, int revision,
                            String createdBy, String cancelledBy, String endReason, Long processInstanceKey,
                            Instant createdAt, Instant updatedAt, Instant endedAt) {

    /** A window not started, a callback not ended: it may still be changed or deleted. */
    boolean changeableAt(Instant now) {
        return !window.startedAt(now) && (status == CallbackStatus.RECEIVED || status == CallbackStatus.SCHEDULED);
    }
}
