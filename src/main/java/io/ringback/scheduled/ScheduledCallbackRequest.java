package io.ringback.scheduled;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an agent (or an API client) sends to schedule a callback, or to change one. Every field is
 * text, so that each bad value is named with its rule rather than refused as unreadable JSON.
 *
 * @param interactionId the Asterisk id (Uniqueid or Linkedid) of the call the agent is on, passed by
 *     the agent desktop: the callback gets that interaction's protocol number. Without it, a new one.
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
        String interactionId) {}
