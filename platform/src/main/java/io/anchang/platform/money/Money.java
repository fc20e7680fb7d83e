package io.anchang.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of money in yuan (CNY), exact, with scale 2 (R-FIN-6). Never a double.
 * Amounts given with more than two decimals are refused rather than rounded: a finance
 * desk must not lose or invent a fen.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final String CURRENCY = "CNY";
    public static final Money ZERO = new Money(BigDecimal.ZERO);

    /** Digits before the point an amount may have: sums of many deposits stay far below (R-FIN-6). */
    static final int MAX_INTEGER_DIGITS = 18;

    public Money {
        Objects.requireNonNull(amount, "amount");
        // judged by digit count and exponent before any rounding: 1E10000000 never reaches setScale
        var problem = Decimals.problem(amount, 2, MAX_INTEGER_DIGITS);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get() == Decimals.Problem.TOO_PRECISE
                    ? "an amount has at most 2 decimals (yuan and fen): " + amount
                    : "not an amount of money: " + (amount.precision() > 40 ? amount.precision() + " digits" : amount.toString()));
        }
        amount = amount.signum() == 0 ? BigDecimal.ZERO.setScale(2) : amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    public static Money of(long yuan) {
        return new Money(BigDecimal.valueOf(yuan));
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    /** This amount times a percentage, rounded half-up to the fen. */
    public Money percent(BigDecimal percent) {
        return new Money(amount.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
