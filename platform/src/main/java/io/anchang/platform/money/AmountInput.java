package io.anchang.platform.money;

import io.anchang.platform.problem.ProblemException;

import java.math.BigDecimal;

/**
 * An amount as a request gives it — a JSON string ("1000.50") or number (1000.5), yuan,
 * currency CNY unless said otherwise — read into {@link Money} or refused with a problem
 * detail that names the field: missing, not a number, more than two decimals, zero or
 * negative, another currency. Nothing is rounded.
 */
public final class AmountInput {

    private AmountInput() {
    }

    /**
     * @param raw      what the JSON held: a String, a Number, or null
     * @param currency the request's currency field, or null for CNY
     * @param field    the field's name, for the message
     */
    public static Money positive(Object raw, String currency, String field) {
        if (currency != null && !Money.CURRENCY.equals(currency)) {
            throw ProblemException.invalid("currency-not-supported", "只收人民币 (CNY)，不收 " + currency
                    + " (Amounts are in yuan, CNY; not " + currency + ")");
        }
        if (raw == null) {
            throw ProblemException.invalid("amount-required", "请填写金额 (" + field + " is required)");
        }
        BigDecimal amount;
        try {
            if (raw instanceof String text) {
                amount = new BigDecimal(text.trim());
            } else if (raw instanceof BigDecimal decimal) {
                amount = decimal;
            } else if (raw instanceof Number) {
                // a double's shortest decimal form: 1000.005 stays 1000.005 and is refused below
                amount = new BigDecimal(raw.toString());
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("amount-invalid", "金额格式不对 (" + field + " must be an amount in yuan like 1000.50, not " + raw + ")");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw ProblemException.invalid("amount-too-precise", "金额最多两位小数（元、角、分） (" + field
                    + " has at most 2 decimals: " + amount.toPlainString() + ")");
        }
        if (amount.signum() <= 0) {
            throw ProblemException.invalid("amount-not-positive", "金额必须大于零 (" + field + " must be more than 0, not "
                    + amount.toPlainString() + ")");
        }
        return new Money(amount);
    }
}
