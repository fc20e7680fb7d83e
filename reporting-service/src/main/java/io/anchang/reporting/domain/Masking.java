package io.anchang.reporting.domain;

/**
 * R-SEC-3 in the reports: phones are shown masked (138****5678) and only ever kept masked; a
 * customer's name is masked (张*) where head office reads. Whatever an event carries, nothing
 * leaves the reports with more digits than a masked number shows.
 */
public final class Masking {

    private Masking() {
    }

    /** The phone masked: the first three and last four digits; a value already masked stays as it is. */
    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (phone.contains("*") && digits.length() <= 7) {
            return phone.strip();
        }
        if (digits.length() >= 11) {
            String national = digits.substring(digits.length() - 11);
            return national.substring(0, 3) + "****" + national.substring(7);
        }
        if (digits.length() >= 7) {
            return digits.substring(0, 2) + "****" + digits.substring(digits.length() - 2);
        }
        return "****";
    }

    /** The name with all but its first character masked: 孙丽华 → 孙**. */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String trimmed = name.strip();
        int first = trimmed.offsetByCodePoints(0, 1);
        return trimmed.substring(0, first) + "*".repeat(Math.max(1, trimmed.codePointCount(first, trimmed.length())));
    }
}
