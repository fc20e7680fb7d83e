package io.anchang.platform.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.anchang.platform.problem.ProblemException;

import java.util.Objects;

/**
 * A customer's phone number as one identity (R-CUS-3): mobile and landline numbers in their
 * usual spellings ({@code 138 0013 8000}, {@code +86-138-0013-8000}, {@code 021-6123 4567})
 * become one E.164 value. Shown to people only masked (R-SEC-3): {@code 138****8000}.
 */
public record Phone(String e164) {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String REGION = "CN";

    public Phone {
        Objects.requireNonNull(e164, "e164");
    }

    /** Reads a number as a desk clerk types it (region CN); an impossible number is a 400 problem. */
    public static Phone parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid(raw);
        }
        try {
            PhoneNumber number = UTIL.parse(raw.strip(), REGION);
            if (!UTIL.isValidNumber(number)) {
                throw invalid(raw);
            }
            return new Phone(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            throw invalid(raw);
        }
    }

    /** The number masked for lists, events and reports (R-SEC-3): 138****8000, 021****4567. */
    public String masked() {
        try {
            PhoneNumber number = UTIL.parse(e164, REGION);
            String national = UTIL.getNationalSignificantNumber(number);
            if (number.getCountryCode() == 86 && UTIL.getNumberType(number) != PhoneNumberUtil.PhoneNumberType.FIXED_LINE) {
                return national.length() <= 7 ? "****" + last4(national) : national.substring(0, 3) + "****" + last4(national);
            }
            int area = UTIL.getLengthOfGeographicalAreaCode(number);
            String prefix = number.getCountryCode() == 86 ? "0" + national.substring(0, area) : "+" + number.getCountryCode();
            return prefix + "****" + last4(national);
        } catch (NumberParseException e) {
            return "****" + last4(e164);
        }
    }

    private static String last4(String digits) {
        return digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
    }

    private static ProblemException invalid(String raw) {
        return ProblemException.invalid("phone-invalid", "电话号码无效：" + (raw == null ? "（空）" : raw.strip())
                + "，请填写手机号（如 138 0013 8000）或带区号的座机号（如 021-6123 4567） (Not a possible phone number: "
                + raw + ")");
    }

    @Override
    public String toString() {
        return masked();
    }
}
