package io.ringback.scheduled;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A call window as the user gave it — local date-times in the customer's zone — and as the instants it
 * is (a local time that happens twice takes the earlier offset).
 *
 * @param startOffset the offset chosen for the start (shown, so that an ambiguous time is not a surprise)
 */
public record ScheduledWindow(LocalDateTime startLocal, LocalDateTime endLocal, ZoneId zone, Instant start,
                              Instant end, ZoneOffset startOffset, ZoneOffset endOffset) {

    /** Whether the window has started at this instant (from then on it can no longer be changed). */
    public boolean startedAt(Instant now) {
        return !now.isBefore(start);
    }
}
