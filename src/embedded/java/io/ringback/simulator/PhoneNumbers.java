package io.ringback.simulator;

/** Phone number normalisation shared by dial-string parsing and behaviour lookup. */
final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** Keeps only the decimal digits: {@code "+49 (555) 1234"} becomes {@code "495551234"}. */
    static String digits(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
