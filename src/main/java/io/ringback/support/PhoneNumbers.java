package io.ringback.support;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Phone numbers are personal data: they are normalised once on the way in, stored in PostgreSQL,
 * and only ever shown masked in logs and process variables.
 *
 * <p><b>One normal form.</b> Whatever the customer, the agent or the PBX typed ({@code +55 11 91234-0001},
 * {@code (11) 91234-0001}, {@code 011912340001}) becomes E.164 ({@code +5511912340001}) when
 * libphonenumber recognises it as a possible number of its country, numbers without a country code
 * being read in {@code ringback.phone.default-region}. Joining, served-inbound and search compare
 * this form, so the same customer is recognised however the number was written. What libphonenumber
 * does not recognise (an internal extension such as {@code 101}) keeps its digits, with a leading
 * {@code +} if it had one. What the person typed is kept apart, for display.
 *
 * <p><b>Recognisable masks.</b> {@link #mask} keeps the country code and the last digits and adds a
 * short keyed hash of the whole number ({@code +55*******0001~3fa2}): an operator can follow one
 * customer through the logs, and two numbers ending alike are told apart, without the number being
 * readable. The key is the installation's own (see {@link MaskKey}), so the hash of a number cannot
 * be computed elsewhere.
 */
public final class PhoneNumbers {

    /** Separators people and PBXs put into numbers. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.,()/]");
    private static final Pattern DIALABLE = Pattern.compile("\\+?\\d{3,20}");
    private static final int MAX_TYPED_LENGTH = 40;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    private final Supplier<byte[]> maskKey;

    /**
     * @param defaultRegion ISO 3166 region of numbers written without a country code, e.g. {@code BR}
     * @param maskKey the secret of the mask hash, asked for on the first mask
     */
    public PhoneNumbers(String defaultRegion, Supplier<byte[]> maskKey) {
        if (!util.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("ringback.phone.default-region '" + defaultRegion
                    + "' is not a region libphonenumber knows (use an ISO 3166 code such as BR, PT, US)");
        }
        this.defaultRegion = defaultRegion;
        this.maskKey = maskKey;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * The number in its normal form, or empty when it is not a callable number (blank,
     * {@code <unknown>}, letters, fewer than 3 or more than 20 digits, over 40 characters).
     */
    public Optional<String> normalise(String raw) {
        if (raw == null || raw.length() > MAX_TYPED_LENGTH) {
            return Optional.empty();
        }
        String stripped = SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (!DIALABLE.matcher(stripped).matches()) {
            return Optional.empty();
        }
        return Optional.of(parse(stripped).map(n -> util.format(n, PhoneNumberFormat.E164)).orElse(stripped));
    }

    /** The digits of a normalised number, without the {@code +}: what most dial strings want. */
    public static String digits(String normalised) {
        return normalised.startsWith("+") ? normalised.substring(1) : normalised;
    }

    /**
     * The number as written in its own country, digits only (libphonenumber's national format:
     * {@code 11912340001} in Brazil, {@code 02079460018} in the United Kingdom), or the digits when
     * libphonenumber does not know it.
     */
    public String national(String normalised) {
        return parse(normalised).map(n -> util.format(n, PhoneNumberFormat.NATIONAL).replaceAll("\\D", ""))
                .orElse(digits(normalised));
    }

    /**
     * The country code and the last digits, the rest as {@code *}, and a keyed hash of the whole:
     * {@code +55*******0001~3fa2}. Short numbers show fewer digits ({@code ***~9c1d} for {@code 101}).
     */
    public String mask(String normalised) {
        if (normalised == null || normalised.isEmpty()) {
            return "";
        }
        String prefix = "";
        String rest = normalised;
        Optional<PhoneNumber> parsed = parse(normalised);
        if (parsed.isPresent() && normalised.startsWith("+")) {
            prefix = "+" + parsed.get().getCountryCode();
            rest = normalised.substring(prefix.length());
        }
        int visible = rest.length() >= 8 ? 4 : rest.length() >= 5 ? 2 : 0;
        return prefix + "*".repeat(rest.length() - visible) + rest.substring(rest.length() - visible) + "~" + tag(normalised);
    }

    private Optional<PhoneNumber> parse(String stripped) {
        try {
            PhoneNumber number = util.parse(stripped, defaultRegion);
            return util.isPossibleNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private String tag(String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(maskKey.get(), "HmacSHA256"));
            byte[] hash = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
