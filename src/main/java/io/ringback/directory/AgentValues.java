package io.ringback.directory;

import io.ringback.support.PbxValues;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for what the directory holds, in words for an error message naming the field
 * ("userId must be ..."). The same rules are check constraints in the database
 * ({@code V4__agent_directory.sql}). Queue names follow {@link PbxValues#QUEUE}, the one allow-list of
 * queue names.
 */
public enum AgentValues {

    /** A user id: lower case letters, digits and {@code . _ -}, at most 64, starting with a letter or digit. */
    USER_ID("[a-z0-9][a-z0-9._-]{0,63}",
            "must be 1 to 64 lower-case letters, digits or . _ -, starting with a letter or digit, and not 'reconciliation'"),
    /** A group name, spelled like a user id: {@code support-team}. */
    GROUP("[a-z0-9][a-z0-9._-]{0,63}",
            "must be 1 to 64 lower-case letters, digits or . _ -, starting with a letter or digit (such as support-team)"),
    /**
     * An Asterisk interface {@code TECH/resource} as a queue member is configured: {@code PJSIP/1001},
     * {@code Local/agent1@agents}. The technology is letters and digits; the resource letters, digits and
     * {@code / @ . _ - : +}; at most 80 in all. No space, comma or {@code &}: one interface, one device.
     */
    INTERFACE("[A-Za-z][A-Za-z0-9]*/[A-Za-z0-9@._:+-][A-Za-z0-9/@._:+-]*",
            "must be an Asterisk interface TECH/resource such as PJSIP/1001 or Local/agent1@agents "
                    + "(letters and digits, a /, then letters, digits or / @ . _ - : +; at most 80)"),
    /** A person's name as shown to people: any printable Unicode, 1 to 120 characters, not blank. */
    DISPLAY_NAME(null, "must be 1 to 120 characters, not blank, without control characters or line breaks");

    /** The user id that {@code GET /api/agents/reconciliation} would hide. */
    static final String RESERVED_USER_ID = "reconciliation";

    static final int INTERFACE_MAX_LENGTH = 80;
    static final int DISPLAY_NAME_MAX_CODE_POINTS = 120;

    private final Pattern pattern;
    private final String rule;

    AgentValues(String regex, String rule) {
        this.pattern = regex == null ? null : Pattern.compile(regex);
        this.rule = rule;
    }

    /** The rule in words. */
    public String rule() {
        return rule;
    }

    public boolean accepts(String value) {
        if (value == null) {
            return false;
        }
        return switch (this) {
            case USER_ID -> pattern.matcher(value).matches() && !value.equals(RESERVED_USER_ID);
            case GROUP -> pattern.matcher(value).matches();
            case INTERFACE -> value.length() <= INTERFACE_MAX_LENGTH && pattern.matcher(value).matches();
            case DISPLAY_NAME -> !value.isBlank()
                    && value.codePointCount(0, value.length()) <= DISPLAY_NAME_MAX_CODE_POINTS
                    && !PbxValues.hasControlCharacter(value);
        };
    }

    /** Empty when the value is acceptable, otherwise the rule it breaks. */
    public Optional<String> problem(String value) {
        return accepts(value) ? Optional.empty() : Optional.of(rule);
    }

    /**
     * The key under which an interface is one: Asterisk's queues compare member interfaces without
     * regard to case, so {@code PJSIP/1001} and {@code pjsip/1001} are the same member. Interfaces are
     * ASCII, so this is PostgreSQL's {@code lower()} too.
     */
    static String interfaceKey(String memberInterface) {
        return memberInterface.toLowerCase(Locale.ROOT);
    }
}
