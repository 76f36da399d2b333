package io.ringback.desktop;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the desktop writes a stretch of time in one zone: {@code Thu 3 Dec 2026, 14:00–16:00 America/Sao_Paulo
 * (UTC-03:00)}; a stretch that ends on another day names both days.
 */
final class Times {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private Times() {}

    /** From {@code start} to {@code end} as the clocks of {@code zone} show them. */
    static String span(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        String hours = from.toLocalDate().equals(to.toLocalDate())
                ? DAY.format(from) + ", " + HOURS.format(from) + "–" + HOURS.format(to)
                : DAY.format(from) + ", " + HOURS.format(from) + " – " + DAY.format(to) + ", " + HOURS.format(to);
        return hours + " " + zoneName(zone, from.getOffset(), to.getOffset());
    }

    /** One instant in {@code zone}, to the minute. */
    static String at(Instant instant, ZoneId zone) {
        ZonedDateTime at = instant.atZone(zone);
        return DAY.format(at) + ", " + HOURS.format(at) + " " + zoneName(zone, at.getOffset(), at.getOffset());
    }

    private static String zoneName(ZoneId zone, ZoneOffset startOffset, ZoneOffset endOffset) {
        String offsets = startOffset.equals(endOffset) ? offset(startOffset) : offset(startOffset) + " → " + offset(endOffset);
        return zone.getId() + " (" + offsets + ")";
    }

    private static String offset(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    }
}
