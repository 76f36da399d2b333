package io.ringback.scheduled;

import io.ringback.support.InputRule;
import io.ringback.support.PhoneNumbers;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The field rules of a scheduled callback (SPEC §3), each broken rule named with its field. The clock
 * is the application's {@link Clock}, so the 30-minute and 31-day rules are measured from the same
 * "now" as everything else.
 */
@Component
class ScheduledCallbackRules {

    static final Duration MINIMUM_LEAD = Duration.ofMinutes(30);
    static final Duration MAXIMUM_LEAD = Duration.ofDays(31);
    static final Duration MAXIMUM_LENGTH = Duration.ofHours(8);
    static final int PHONE_MIN = 7;
    static final int PHONE_MAX = 15;
    /** The longest owner wait: a window's longest length. */
    static final int OWNER_WAIT_MAX = (int) MAXIMUM_LENGTH.toSeconds();
    /** The owner "the user who schedules it". */
    static final String ME = "me";

    /** Digits, an optional leading +, spaces, hyphens, commas and dots (SPEC §3). */
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[0-9 ,.\\-]+");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final PhoneNumbers phones;
    private final Clock clock;

    ScheduledCallbackRules(PhoneNumbers phones, Clock clock) {
        this.phones = phones;
        this.clock = clock;
    }

    /** A request whose every field is usable (the queue is checked against the schedules separately). */
    record Checked(String phoneNumber, String phoneNumberAsGiven, String recipientName, ScheduledWindow window,
                   String queue, String reason, String interactionId, Owner owner) {}

    /**
     * The owner asked for, as given (the agent may be {@code me}; the service resolves it and checks it
     * against the directory): none, an agent or a group, and the owner wait (null: the dial policy's).
     */
    record Owner(String agent, String group, Integer waitSeconds) {
        static final Owner NONE = new Owner(null, null, null);

        boolean isNone() {
            return agent == null && group == null;
        }
    }

    /**
     * @throws io.ringback.support.InvalidRequestException naming every field that breaks its rule
     */
    Checked check(ScheduledCallbackRequest request, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        String number = phoneNumber(request.phoneNumber(), errors);
        String name = text(request.recipientName(), "recipientName", InputRule.RECIPIENT_NAME, true, errors);
        String reason = text(request.reason(), "reason", InputRule.REASON, false, errors);
        ZoneId zone = zone(request.timeZone(), errors);
        ScheduledWindow window = window(request.windowStart(), request.windowEnd(), zone, now, errors);
        String queue = request.queue();
        if (queue == null || queue.isBlank()) {
            errors.put("queue", "must be given");
        } else {
            InputRule.QUEUE.problem(queue).ifPresent(rule -> errors.put("queue", rule));
        }
        String interaction = request.interactionId();
        if (interaction != null && !interaction.isEmpty()) {
            InputRule.UNIQUE_ID.problem(interaction).ifPresent(rule -> errors.put("interactionId", rule));
        } else {
            interaction = null;
        }
        Owner owner = owner(request, errors);
        if (!errors.isEmpty()) {
            throw new io.ringback.support.InvalidRequestException(errors);
        }
        return new Checked(number, request.phoneNumber(), name, window, queue, reason, interaction, owner);
    }

    /**
     * The window fields alone, by the same rules as {@link #check} (the agent desktop shows the window
     * in both zones while it is typed).
     *
     * @throws io.ringback.support.InvalidRequestException naming {@code windowStart}, {@code windowEnd} or
     *     {@code timeZone}
     */
    ScheduledWindow checkWindow(String windowStart, String windowEnd, String timeZone, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        ZoneId zone = zone(timeZone, errors);
        ScheduledWindow window = window(windowStart, windowEnd, zone, now, errors);
        if (!errors.isEmpty()) {
            throw new io.ringback.support.InvalidRequestException(errors);
        }
        return window;
    }

    Instant now() {
        return clock.instant();
    }

    private static Owner owner(ScheduledCallbackRequest request, Map<String, String> errors) {
        String agent = blankToNull(request.ownerAgent());
        String group = blankToNull(request.ownerGroup());
        String wait = blankToNull(request.ownerWaitSeconds());
        if (agent != null && !agent.equals(ME)) {
            InputRule.USER_ID.problem(agent).ifPresent(rule -> errors.put("ownerAgent", rule + " (or be me)"));
        }
        if (group != null) {
            InputRule.GROUP.problem(group).ifPresent(rule -> errors.put("ownerGroup", rule));
        }
        if (agent != null && group != null) {
            errors.put("ownerGroup", "cannot be given with ownerAgent: a callback has one owner, an agent or a group");
        }
        Integer waitSeconds = null;
        if (wait != null) {
            if (agent == null && group == null) {
                errors.put("ownerWaitSeconds", "needs an owner (ownerAgent or ownerGroup) to wait for");
            } else if (!wait.matches("[0-9]{1,9}") || Integer.parseInt(wait) > OWNER_WAIT_MAX) {
                errors.put("ownerWaitSeconds", "must be a whole number of seconds from 0 to " + OWNER_WAIT_MAX
                        + " (8 hours, the longest window)");
            } else {
                waitSeconds = Integer.parseInt(wait);
            }
        }
        return agent == null && group == null ? Owner.NONE : new Owner(agent, group, waitSeconds);
    }

    /**
     * Spaces around a value are not part of it, and only spaces are no value; a control character or a line
     * break is kept, so that the field's rule refuses it rather than isBlank() or strip() taking it away.
     */
    private static String blankToNull(String value) {
        if (value == null || (value.isBlank() && InputRule.isText(value))) {
            return null;
        }
        return InputRule.isText(value) ? value.strip() : value;
    }

    private String phoneNumber(String raw, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            errors.put("phoneNumber", "must be given");
            return null;
        }
        int length = raw.codePointCount(0, raw.length());
        if (length < PHONE_MIN || length > PHONE_MAX) {
            errors.put("phoneNumber", "must be " + PHONE_MIN + " to " + PHONE_MAX + " characters (it has " + length + ")"
                    + (length > PHONE_MAX ? "; leave out the spaces and separators" : ""));
            return null;
        }
        if (!PHONE_CHARACTERS.matcher(raw).matches()) {
            errors.put("phoneNumber", "may contain only digits, a leading +, spaces, - , and .");
            return null;
        }
        Optional<String> normalised = phones.normalise(raw);
        if (normalised.isEmpty()) {
            errors.put("phoneNumber", "is not a phone number that can be dialed");
            return null;
        }
        return normalised.get();
    }

    /**
     * Any Unicode but control characters and line breaks, counted in characters (code points): the rule's
     * {@link InputRule} text check, with the length said first (and how long the value is).
     */
    private static String text(String raw, String field, InputRule rule, boolean required, Map<String, String> errors) {
        int min = rule.minLength();
        int max = rule.maxLength();
        // blank (spaces only) is no value for an optional field; a line break or a control character is refused below
        if (raw == null || raw.isEmpty() || (!required && raw.isBlank() && InputRule.isText(raw))) {
            if (required) {
                errors.put(field, "must be given");
            }
            return null;
        }
        int length = raw.codePointCount(0, raw.length());
        if (length < min || length > max) {
            errors.put(field, "must be " + (min > 0 ? min + " to " : "at most ") + max + " characters (it has "
                    + length + ")");
            return null;
        }
        if (!InputRule.isText(raw)) {
            errors.put(field, "must not contain control characters or line breaks");
            return null;
        }
        if (raw.isBlank()) {
            errors.put(field, "must not be blank");
            return null;
        }
        if (!rule.accepts(raw)) {
            errors.put(field, "must not contain control characters or line breaks");
            return null;
        }
        return raw;
    }

    private static ZoneId zone(String raw, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            errors.put("timeZone", "must be given");
            return null;
        }
        if (!ZONES.contains(raw)) {
            errors.put("timeZone", "must be an IANA time zone such as America/Sao_Paulo (not an offset)");
            return null;
        }
        return ZoneId.of(raw);
    }

    private ScheduledWindow window(String windowStart, String windowEnd, ZoneId zone, Instant now,
                                   Map<String, String> errors) {
        LocalDateTime startLocal = localDateTime(windowStart, "windowStart", errors);
        LocalDateTime endLocal = localDateTime(windowEnd, "windowEnd", errors);
        if (zone == null) {
            return null;
        }
        ZonedDateTime start = startLocal == null ? null : resolve(startLocal, zone, "windowStart", errors);
        ZonedDateTime end = endLocal == null ? null : resolve(endLocal, zone, "windowEnd", errors);
        if (start == null || end == null) {
            return null;
        }
        Instant earliest = now.plus(MINIMUM_LEAD);
        Instant latest = now.plus(MAXIMUM_LEAD);
        if (start.toInstant().isBefore(earliest)) {
            errors.put("windowStart", "must be at least 30 minutes from now: " + SHOWN.format(earliest.atZone(zone))
                    + " in " + zone.getId() + " or later");
        } else if (start.toInstant().isAfter(latest)) {
            errors.put("windowStart", "must be at most 31 days from now: " + SHOWN.format(latest.atZone(zone))
                    + " in " + zone.getId() + " or earlier");
        }
        if (!end.toInstant().isAfter(start.toInstant())) {
            errors.put("windowEnd", "must be after windowStart");
        } else if (Duration.between(start.toInstant(), end.toInstant()).compareTo(MAXIMUM_LENGTH) > 0) {
            errors.put("windowEnd", "must be at most 8 hours after windowStart");
        }
        return new ScheduledWindow(startLocal, endLocal, zone, start.toInstant(), end.toInstant(), start.getOffset(),
                end.getOffset());
    }

    private static LocalDateTime localDateTime(String raw, String field, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            errors.put(field, "must be given");
            return null;
        }
        try {
            return LocalDateTime.parse(raw);
        } catch (DateTimeParseException e) {
            errors.put(field, "must be a local date and time such as 2026-12-03T14:00, without an offset (the zone "
                    + "is timeZone)");
            return null;
        }
    }

    /**
     * The local time in the zone: a time the clocks skip (spring forward) does not exist and is refused;
     * a time they pass twice (fall back) takes the earlier offset.
     */
    private static ZonedDateTime resolve(LocalDateTime local, ZoneId zone, String field, Map<String, String> errors) {
        var rules = zone.getRules();
        var offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            errors.put(field, SHOWN.format(local) + " does not exist in " + zone.getId() + ": the clocks go from "
                    + gap.getDateTimeBefore().toLocalTime() + " to " + gap.getDateTimeAfter().toLocalTime()
                    + " that day (" + offset(gap.getOffsetBefore()) + " to " + offset(gap.getOffsetAfter()) + ")");
            return null;
        }
        try {
            return ZonedDateTime.ofLocal(local, zone, null); // two valid offsets: the earlier one (the first)
        } catch (DateTimeException e) {
            errors.put(field, "cannot be placed in " + zone.getId() + ": " + e.getMessage());
            return null;
        }
    }

    static String offset(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    }
}
