package io.anchang.platform.money;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.validation.Echo;

import java.math.BigDecimal;

/**
 * An amount as a request gives it — a JSON string ("1000.50") or number (1000.5), yuan,
 * currency CNY unless said otherwise — read into {@link Money} or refused with a problem
 * detail that names the field: missing, not a number, more than two decimals, zero or
 * negative, more than {@link #MAX} yuan, another currency. Nothing is rounded, and the size of
 * the number is judged before anything computes with it ({@link Decimals}): {@code "1E10000000"}
 * is refused as fast as {@code "abc"}. A message repeats at most a few characters of the input.
 */
public final class AmountInput {

    /** The largest amount any request may carry: ten billion yuan (10^10). */
    public static final BigDecimal MAX = new BigDecimal("10000000000");

    /** Digits before the point of {@link #MAX}. */
    static final int MAX_INTEGER_DIGITS = 11;

    private AmountInput() {
    }

    /**
     * @param raw      what the JSON held: a String, a Number, or null
     * @param currency the request's currency field, or null for CNY
     * @param field    the field's name, for the message
     */
    public static Money positive(Object raw, String currency, String field) {
        if (currency != null && !Money.CURRENCY.equals(currency)) {
            throw ProblemException.invalid("currency-not-supported", "只收人民币 (CNY)，不收 " + Echo.of(currency)
                    + " (Amounts are in yuan, CNY; not " + Echo.of(currency) + ")");
        }
        if (raw == null) {
            throw ProblemException.invalid("amount-required", "请填写金额 (" + field + " is required)");
        }
        BigDecimal amount;
        try {
            // a double's shortest decimal form: 1000.005 stays 1000.005 and is refused as too precise
            amount = Decimals.read(raw, 2, MAX_INTEGER_DIGITS);
        } catch (Decimals.Refused refused) {
            throw switch (refused.problem()) {
                case NOT_A_NUMBER -> ProblemException.invalid("amount-invalid", "金额格式不对 (" + field
                        + " must be an amount in yuan like 1000.50, not " + Echo.of(raw) + ")");
                case TOO_PRECISE -> ProblemException.invalid("amount-too-precise", "金额最多两位小数（元、角、分） (" + field
                        + " has at most 2 decimals: " + Echo.of(raw) + ")");
                case TOO_LARGE -> tooLarge(field, raw);
            };
        }
        if (amount.signum() <= 0) {
            throw ProblemException.invalid("amount-not-positive", "金额必须大于零 (" + field + " must be more than 0, not "
                    + Echo.of(raw) + ")");
        }
        if (amount.compareTo(MAX) > 0) {
            throw tooLarge(field, raw);
        }
        return new Money(amount);
    }

    private static ProblemException tooLarge(String field, Object raw) {
        return ProblemException.invalid("amount-too-large", "金额不能超过一百亿元 (" + field + " is at most 10,000,000,000.00 yuan, not "
                + Echo.of(raw) + ")");
    }
}
