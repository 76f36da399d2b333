package io.ringback.desktop;

import io.ringback.scheduled.ScheduledCallbackRequest;
import io.ringback.scheduled.ScheduledCallbackRow;
import java.time.format.DateTimeFormatter;

/**
 * The "Schedule a callback" form as typed, field by field the API's request: nothing is checked here —
 * {@link io.ringback.scheduled.ScheduledCallbacks} checks it by the API's rules and names each bad field.
 * The protocol is never typed: {@code interactionId} (hidden) is the call the agent is on, when the
 * desktop was opened for one ({@code /agent?interactionId=...}).
 */
record CallbackForm(String phoneNumber, String recipientName, String windowStart, String windowEnd, String timeZone,
                    String queue, String reason, String interactionId) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** A new form: the customer's zone proposed as the agent's own, the first of their queues. */
    static CallbackForm empty(String timeZone, String queue, String interactionId) {
        return new CallbackForm("", "", "", "", timeZone, queue, "", interactionId);
    }

    /** The callback's fields, to change them. */
    static CallbackForm of(ScheduledCallbackRow row) {
        return new CallbackForm(row.phoneNumberAsGiven(), row.recipientName(), LOCAL.format(row.window().startLocal()),
                LOCAL.format(row.window().endLocal()), row.window().zone().getId(), row.queue(),
                row.reason() == null ? "" : row.reason(), null);
    }

    ScheduledCallbackRequest toRequest() {
        return new ScheduledCallbackRequest(phoneNumber, recipientName, windowStart, windowEnd, timeZone, queue, reason,
                interactionId == null || interactionId.isBlank() ? null : interactionId);
    }
}
