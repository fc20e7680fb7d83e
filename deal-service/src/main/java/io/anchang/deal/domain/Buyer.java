package io.anchang.deal.domain;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.validation.Echo;
import io.anchang.platform.validation.PlainTextValidator;

import java.util.regex.Pattern;

/**
 * The buyer on a subscription agreement (R-DEAL-4): name, phone, contact address and
 * postcode are required and checked — a mainland mobile (11 digits, 1[3-9]…) or a
 * landline with its area code, a six-digit postcode, an address a letter can reach.
 */
public record Buyer(String name, String phone, String address, String postcode) {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");
    private static final Pattern POSTCODE = Pattern.compile("[1-8]\\d{5}");

    /** R-DEAL-4: the contact details, checked; a blank or malformed one is refused with what is wrong. */
    public static Buyer checked(String name, String phone, String address, String postcode) {
        String n = trim(name);
        String p = trim(phone) == null ? null : trim(phone).replace(" ", "");
        String a = trim(address);
        String z = trim(postcode);
        if (n == null || n.length() > 50 || !PlainTextValidator.plain(n, false)) {
            throw invalid("买受人姓名必填 (The buyer's name is required, at most 50 characters)");
        }
        if (p == null || !(MOBILE.matcher(p).matches() || LANDLINE.matcher(p).matches())) {
            throw invalid("联系电话不正确：" + (p == null ? "未填写" : Echo.of(p)) + " (The phone must be a mobile like 13812345678 or a landline like 021-62345678)");
        }
        if (a == null || a.length() < 6 || a.length() > 200 || !PlainTextValidator.plain(a, false)) {
            throw invalid("联系地址必填，须能寄达 (The contact address is required: 6 to 200 characters)");
        }
        if (z == null || !POSTCODE.matcher(z).matches()) {
            throw invalid("邮政编码应为六位数字：" + (z == null ? "未填写" : Echo.of(z)) + " (The postcode has six digits, like 200120)");
        }
        return new Buyer(n, p, a, z);
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.invalid("buyer-contact-invalid", detail);
    }
}
