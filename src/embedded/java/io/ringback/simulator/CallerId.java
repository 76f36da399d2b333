package io.ringback.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller ID split as Asterisk reports it in {@code CallerIDNum} / {@code CallerIDName}; a missing
 * part is {@code <unknown>}.
 */
record CallerId(String number, String name) {

    static final String UNKNOWN = "<unknown>";

    private static final Pattern NAME_AND_NUMBER = Pattern.compile("^\\s*(?:\"([^\"]*)\"|([^<]*?))\\s*<([^>]*)>\\s*$");
    private static final Pattern NUMBER_ONLY = Pattern.compile("^[+0-9*#]+$");

    static CallerId of(String number, String name) {
        return new CallerId(orUnknown(number), orUnknown(name));
    }

    /** Parses the {@code CallerID} header forms {@code "Name" <number>}, {@code Name <number>}, {@code number} and {@code Name}. */
    static CallerId parse(String callerId) {
        if (callerId == null || callerId.isBlank()) {
            return new CallerId(UNKNOWN, UNKNOWN);
        }
        Matcher matcher = NAME_AND_NUMBER.matcher(callerId);
        if (matcher.matches()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            return of(matcher.group(3).strip(), name.strip());
        }
        String text = callerId.strip();
        return NUMBER_ONLY.matcher(text).matches() ? of(text, null) : of(null, text);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
