package io.ringback.scheduled;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an agent (or an API client) sends to schedule a callback, or to change one. Every field is
 * text, so that each bad value is named with its rule rather than refused as unreadable JSON.
 *
 * @param interactionId the Asterisk id (Uniqueid or Linkedid) of the call the agent is on, passed by
 *     the agent desktop: the callback gets that interaction's protocol number. Without it, a new one.
 * @param ownerAgent a sticky callback's owner (SPEC §4): the user id of an agent of the directory who
 *     serves the queue, or {@code me} for the user scheduling it; the call waits for that agent
 * @param ownerGroup or an agent group (of the directory) whose free agent takes it; not with ownerAgent
 * @param ownerWaitSeconds how long the call waits for the owner to be free before it is released to the
 *     first free agent of the queue; without it, the queue's dial policy ({@code ownerWaitSeconds})
 */
public record ScheduledCallbackRequest(
        @Schema(description = "7 to 15 characters: digits, an optional leading +, spaces, - , .", example = "+55 11 98765-4321")
        String phoneNumber,
        @Schema(description = "3 to 250 characters of any Unicode (no control characters)", example = "Ana Souza")
        String recipientName,
        @Schema(description = "local date-time in timeZone; 30 minutes to 31 days from now", example = "2026-12-03T14:00")
        String windowStart,
        @Schema(description = "local date-time in timeZone; after windowStart, at most 8 hours later", example = "2026-12-03T16:00")
        String windowEnd,
        @Schema(description = "the customer's IANA time zone", example = "America/Sao_Paulo")
        String timeZone,
        @Schema(description = "a queue that takes scheduled callbacks and that you serve", example = "support")
        String queue,
        @Schema(description = "optional, at most 250 characters of any Unicode", example = "wants to discuss the invoice")
        String reason,
        @Schema(description = "optional: the call the agent is on (set by the agent desktop, not typed)")
        String interactionId,
        @Schema(description = "optional: the owner agent's user id, or me; the callback waits for this agent", example = "me")
        String ownerAgent,
        @Schema(description = "optional: an agent group that owns the callback (not with ownerAgent)", example = "vip")
        String ownerGroup,
        @Schema(description = "optional, with an owner: seconds to wait for the owner to be free, 0 to 28800; default: the queue's dial policy", example = "300")
        String ownerWaitSeconds) {

    /** A request without an owner (the queue takes it), as most clients send it. */
    public ScheduledCallbackRequest(String phoneNumber, String recipientName, String windowStart, String windowEnd,
                                    String timeZone, String queue, String reason, String interactionId) {
        this(phoneNumber, recipientName, windowStart, windowEnd, timeZone, queue, reason, interactionId, null, null, null);
    }
}
