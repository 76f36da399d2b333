package io.ringback.support;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one allow-list of what Ringback takes from outside: every value that can reach an AMI header, a
 * channel variable, a dialplan application, a database row or a log line is checked with one of these
 * rules at the edge where it comes in (the API, AMI events, decision outputs), so that
 * {@code "support\r\nAction: Originate"} is refused everywhere with the same words. asterisk-java writes
 * header values as they are, so a line break in one would start a new header or a new action.
 *
 * <p>Each rule is a pattern over ASCII (names Asterisk and the directory use) or a rule for text people
 * type (any script, counted in code points, never a control character: see {@link #isText}). The table of
 * every rule, with the fields each one guards, is {@code docs/input-rules.md}; {@code InputRuleDocTest}
 * keeps it true. Request fields use the rule through {@link Allowed}.
 */
public enum InputRule {

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
    /** A caller's name as shown by a PBX or typed by a user: any printable Unicode, at most 250 characters. */
    CALLER_NAME(0, 250, "must be at most 250 characters without control characters or line breaks"),
    /** Why a user did something (a cancel reason, a note): any printable Unicode, at most 250 characters. */
    REASON(0, 250, "must be at most 250 characters without control characters or line breaks"),
    /** Whom a scheduled callback calls, as the agent typed it: any printable Unicode, 3 to 250 characters, not blank. */
    RECIPIENT_NAME(3, 250, "must be 3 to 250 characters, not blank, without control characters or line breaks"),
    /**
     * A login name as the API records it ({@code createdBy}, {@code cancelledBy}): configured users and
     * identity providers spell them freely (an e-mail address, a name), so any printable Unicode, 1 to 250.
     */
    LOGIN(1, 250, "must be 1 to 250 characters, not blank, without control characters or line breaks (a login name)"),
    /** A user id of the agent directory: lower case letters, digits and {@code . _ -}, at most 64. */
    USER_ID("[a-z0-9][a-z0-9._-]{0,63}",
            "must be 1 to 64 lower-case letters, digits or . _ -, starting with a letter or digit, and not 'reconciliation'"),
    /** A group name of the agent directory, spelled like a user id: {@code support-team}. */
    GROUP("[a-z0-9][a-z0-9._-]{0,63}",
            "must be 1 to 64 lower-case letters, digits or . _ -, starting with a letter or digit (such as support-team)"),
    /**
     * An Asterisk interface {@code TECH/resource} as a queue member is configured: {@code PJSIP/1001},
     * {@code Local/agent1@agents}. The technology is letters and digits; the resource letters, digits and
     * {@code / @ . _ - : +}; at most 80 in all. No space, comma or {@code &}: one interface, one device.
     */
    INTERFACE("(?=.{1,80}$)[A-Za-z][A-Za-z0-9]*/[A-Za-z0-9@._:+-][A-Za-z0-9/@._:+-]*",
            "must be an Asterisk interface TECH/resource such as PJSIP/1001 or Local/agent1@agents "
                    + "(letters and digits, a /, then letters, digits or / @ . _ - : +; at most 80)"),
    /** A person's name as shown to people: any printable Unicode, 1 to 120 characters, not blank. */
    DISPLAY_NAME(1, 120, "must be 1 to 120 characters, not blank, without control characters or line breaks");

    /** The user id that {@code GET /api/agents/reconciliation} would hide. */
    public static final String RESERVED_USER_ID = "reconciliation";

    private static final int LOG_MAX_CODE_POINTS = 80;

    private final Pattern pattern;
    private final int minCodePoints;
    private final int maxCodePoints;
    private final String rule;

    InputRule(String regex, String rule) {
        this.pattern = Pattern.compile(regex);
        this.minCodePoints = 0;
        this.maxCodePoints = Integer.MAX_VALUE;
        this.rule = rule;
    }

    /** A rule for text people type: {@code min} to {@code max} code points, not blank when {@code min > 0}. */
    InputRule(int minCodePoints, int maxCodePoints, String rule) {
        this.pattern = null;
        this.minCodePoints = minCodePoints;
        this.maxCodePoints = maxCodePoints;
        this.rule = rule;
    }

    /** The rule in words, for an error message naming the field: "queue must be ...". */
    public String rule() {
        return rule;
    }

    /** The fewest characters (code points) a text value must have; 0 for the patterns (their regex says it). */
    public int minLength() {
        return minCodePoints;
    }

    /** The most characters (code points) a value may have; for documentation and tests. */
    public int maxLength() {
        if (pattern == null) {
            return maxCodePoints;
        }
        return switch (this) {
            case QUEUE, INTERFACE -> 80;
            case SOUND -> 200;
            case DIAL_PREFIX -> 20;
            case UNIQUE_ID -> 150;
            case SOURCE -> 60;
            case USER_ID, GROUP -> 64;
            default -> throw new IllegalStateException(name());
        };
    }

    public boolean accepts(String value) {
        if (value == null) {
            return false;
        }
        if (pattern != null) {
            return pattern.matcher(value).matches() && !(this == USER_ID && value.equals(RESERVED_USER_ID));
        }
        int length = value.codePointCount(0, value.length());
        return length >= minCodePoints && length <= maxCodePoints && (minCodePoints == 0 || !value.isBlank())
                && isText(value);
    }

    /** Empty when the value is acceptable, otherwise the rule it breaks. */
    public Optional<String> problem(String value) {
        return accepts(value) ? Optional.empty() : Optional.of(rule);
    }

    /**
     * Adds {@code field -> rule} to {@code errors} when a value is given and breaks the rule: the check of
     * an optional field. A required field is checked with {@link #problem}.
     */
    public void checkOptional(Map<String, String> errors, String field, String value) {
        if (value != null && !accepts(value)) {
            errors.put(field, rule);
        }
    }

    /**
     * Whether a value is printable text: no control character (NUL, CR, LF, TAB, ... C1), no Unicode line or
     * paragraph separator, no unpaired surrogate, no U+FFFD (what is left of bytes that were not UTF-8), no
     * non-character U+FFFE/U+FFFF and no bidirectional embedding, override or isolate (which reorder a log
     * line as it is shown). Letters of any script, emoji and joiners are text.
     */
    public static boolean isText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c) || Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF'
                    || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return false;
            }
        }
        return true;
    }

    /** The opposite of {@link #isText}: the value holds something that must never reach a header or a log line. */
    public static boolean hasControlCharacter(String value) {
        return !isText(value);
    }

    /**
     * The value made safe for one log line or an error message when it cannot be refused (it came from the
     * PBX and is logged as the reason of its rejection, or it is echoed in a problem): everything
     * {@link #isText} refuses becomes {@code ?}, at most 80 characters.
     */
    public static String forLog(Object raw) {
        return forLog(raw, LOG_MAX_CODE_POINTS);
    }

    /** {@link #forLog(Object)} with room for {@code max} characters: a sentence such as a parser's message. */
    public static String forLog(Object raw, int max) {
        if (raw == null) {
            return "null";
        }
        String value = raw.toString();
        StringBuilder safe = new StringBuilder();
        value.codePoints().limit(max).forEach(cp -> {
            String one = new String(Character.toChars(cp));
            safe.append(isText(one) ? one : "?");
        });
        return safe + (value.codePointCount(0, value.length()) > max ? "…" : "");
    }
}
