package io.ringback.support;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers are personal data: they are normalised once on the way in, stored in PostgreSQL,
 * and only ever shown masked in logs and process variables.
 */
public final class PhoneNumbers {

    /** Separators people and PBXs put into numbers. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.,()/]");
    private static final Pattern NORMALISED = Pattern.compile("\\+?\\d{3,20}");

    private PhoneNumbers() {}

    /**
     * The number reduced to an optional leading {@code +} and digits, or empty when it is not a
     * callable number (blank, {@code <unknown>}, letters, fewer than 3 or more than 20 digits).
     */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String stripped = SEPARATORS.matcher(raw.trim()).replaceAll("");
        return NORMALISED.matcher(stripped).matches() ? Optional.of(stripped) : Optional.empty();
    }

    /** All but the last four digits replaced by {@code *}; short numbers keep only their last digit. */
    public static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        int keep = number.length() > 6 ? 4 : 1;
        return "*".repeat(number.length() - keep) + number.substring(number.length() - keep);
    }
}
