package io.ringback.desktop;

import io.ringback.scheduled.ScheduledCallbackRequest;
import io.ringback.scheduled.ScheduledCallbackRow;
import java.time.format.DateTimeFormatter;

/**
 * The "Schedule a callback" form as typed, field by field the API's request: nothing is checked here —
 * {@link io.ringback.scheduled.ScheduledCallbacks} checks it by the API's rules and names each bad field.
 * The protocol is never typed: {@code interactionId} (hidden) is the call the agent is on, when the
 * desktop was opened for one ({@code /agent?interactionId=...}). The owner of a sticky callback (set
 * through the API; the page offers no owner yet) is carried through an edit unchanged, in hidden fields,
 * since a change replaces every field.
 */
record CallbackForm(String phoneNumber, String recipientName, String windowStart, String windowEnd, String timeZone,
                    String queue, String reason, String interactionId, String ownerAgent, String ownerGroup,
                    String ownerWaitSeconds) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** A new form: the customer's zone proposed as the agent's own, the first of their queues. */
    static CallbackForm empty(String timeZone, String queue, String interactionId) {
        return new CallbackForm("", "", "", "", timeZone, queue, "", interactionId, null, null, null);
    }

    /** The callback's fields, to change them. */
    static CallbackForm of(ScheduledCallbackRow row) {
        return new CallbackForm(row.phoneNumberAsGiven(), row.recipientName(), LOCAL.format(row.window().startLocal()),
                LOCAL.format(row.window().endLocal()), row.window().zone().getId(), row.queue(),
                row.reason() == null ? "" : row.reason(), null, row.ownerAgent(), row.ownerGroup(),
                row.ownerWaitSeconds() == null ? null : row.ownerWaitSeconds().toString());
    }

    ScheduledCallbackRequest toRequest() {
        return new ScheduledCallbackRequest(phoneNumber, recipientName, windowStart, windowEnd, timeZone, queue, reason,
                orNull(interactionId), orNull(ownerAgent), orNull(ownerGroup), orNull(ownerWaitSeconds));
    }

    /** The same form without the interaction: a change keeps the protocol the callback has. */
    CallbackForm withoutInteraction() {
        return new CallbackForm(phoneNumber, recipientName, windowStart, windowEnd, timeZone, queue, reason, null,
                ownerAgent, ownerGroup, ownerWaitSeconds);
    }

    private static String orNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
