package io.ringback.support;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one allow-list for every value that can reach an AMI header, a channel variable, a dialplan
 * application or a log line: queue names, caller names, callback messages (sound files), dial
 * prefixes, PBX unique ids and source names. Each entry point (the API, AMI events, decision
 * outputs) checks with it, so that {@code "support\r\nAction: Originate"} is refused everywhere
 * with the same words. asterisk-java writes header values as they are, so a line break in one would
 * start a new header or a new action.
 */
public enum PbxValues {

    /** An Asterisk queue name: letters, digits and {@code - _ . @ +}, at most 80. */
    QUEUE("[A-Za-z0-9][A-Za-z0-9_.@+-]{0,79}",
            "must be 1 to 80 letters, digits or - _ . @ + (an Asterisk queue name), starting with a letter or digit"),
    /** A sound file for Playback(): a path of letters, digits and {@code - _ . /}, at most 200; empty plays nothing. */
    SOUND("(?:[A-Za-z0-9_][A-Za-z0-9_./-]{0,199})?",
            "must be an Asterisk sound name such as custom/callback (letters, digits, - _ . /, at most 200)"),
    /** Digits, {@code *}, {@code #} and {@code +}, at most 20. */
    DIAL_PREFIX("[0-9*#+]{0,20}", "may contain only digits, *, # and + (at most 20)"),
    /** The PBX's id of a call (an Asterisk Uniqueid, or any id another PBX uses). */
    UNIQUE_ID("[A-Za-z0-9][A-Za-z0-9._:@/;-]{0,149}",
            "must be 1 to 150 letters, digits or . _ : @ / ; - (a PBX call id such as 1795288839.1)"),
    /** The name of a PBX or API client that reports abandons. */
    SOURCE("[A-Za-z0-9][A-Za-z0-9._:-]{0,59}", "must be 1 to 60 letters, digits or . _ : - (the name of the PBX or client)"),
    /** A person's name as shown by a PBX or typed by a user: any printable Unicode, at most 250 characters. */
    NAME(null, "must be at most 250 characters without control characters or line breaks");

    private static final int NAME_MAX_CODE_POINTS = 250;

    private final Pattern pattern;
    private final String rule;

    PbxValues(String regex, String rule) {
        this.pattern = regex == null ? null : Pattern.compile(regex);
        this.rule = rule;
    }

    /** The rule in words, for an error message naming the field: "queue must be ...". */
    public String rule() {
        return rule;
    }

    public boolean accepts(String value) {
        if (value == null) {
            return false;
        }
        if (pattern != null) {
            return pattern.matcher(value).matches();
        }
        return value.codePointCount(0, value.length()) <= NAME_MAX_CODE_POINTS && !hasControlCharacter(value);
    }

    /** Empty when the value is acceptable, otherwise the rule it breaks. */
    public Optional<String> problem(String value) {
        return accepts(value) ? Optional.empty() : Optional.of(rule);
    }

    /** Control characters (NUL, CR, LF, ...), Unicode line and paragraph separators, unpaired surrogates. */
    public static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || (Character.isHighSurrogate(c) && (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++i))))
                    || Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value made safe for one log line when it cannot be refused (it came from the PBX and is
     * logged as the reason of its rejection): control characters become {@code ?}, at most 80 characters.
     */
    public static String forLog(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder safe = new StringBuilder();
        value.codePoints().limit(80).forEach(cp -> safe.appendCodePoint(Character.isISOControl(cp) || cp == 0x2028
                || cp == 0x2029 || Character.getType(cp) == Character.SURROGATE ? '?' : cp));
        return safe + (value.codePointCount(0, value.length()) > 80 ? "…" : "");
    }
}
