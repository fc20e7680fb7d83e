package io.anchang.customer.domain.privacy;

import io.anchang.platform.problem.ProblemException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * A resident ID card number (居民身份证号码, GB 11643-1999), checked as R-CUS-13 asks: 18 characters, a region, a real birth
 * date, and the check digit. Shown masked like a phone (R-SEC-3): {@code 110***********123X}; the whole number only by an
 * audited reveal.
 */
public record IdNumber(String value) {

    private static final Pattern FORM = Pattern.compile("[1-9]\\d{16}[\\dX]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    /** Reads a number as typed (spaces ignored, a small x taken as X), refusing one that is not a possible ID number. */
    public static IdNumber parse(String raw, LocalDate today) {
        String number = raw == null ? "" : raw.replace(" ", "").toUpperCase();
        if (number.length() != 18) {
            throw invalid("身份证号码应为 18 位，而这里是 " + number.length() + " 位 (An ID number has 18 characters, not " + number.length() + ")");
        }
        if (!FORM.matcher(number).matches()) {
            throw invalid("身份证号码前 17 位应为数字，最后一位为数字或 X (The first 17 characters are digits, the last a digit or X)");
        }
        LocalDate born;
        try {
            born = LocalDate.of(Integer.parseInt(number.substring(6, 10)), Integer.parseInt(number.substring(10, 12)),
                    Integer.parseInt(number.substring(12, 14)));
        } catch (DateTimeException e) {
            throw invalid("身份证号码中的出生日期 " + number.substring(6, 14) + " 不存在 (The birth date in the number does not exist)");
        }
        if (born.getYear() < 1900 || born.isAfter(today)) {
            throw invalid("身份证号码中的出生日期 " + born + " 不可能 (The birth date in the number is impossible)");
        }
        if (number.charAt(17) != checkDigit(number)) {
            throw invalid("身份证号码校验位不符，请核对后重新输入 (The check digit does not match: a character was mistyped)");
        }
        return new IdNumber(number);
    }

    /** The check character of the first 17 digits. */
    static char checkDigit(String number) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** R-SEC-3: the first 3 and the last 4 characters, the rest hidden. */
    public String masked() {
        return value.substring(0, 3) + "*".repeat(11) + value.substring(14);
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    @Override
    public String toString() {
        return masked();
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.invalid("id-number-invalid", detail);
    }
}
