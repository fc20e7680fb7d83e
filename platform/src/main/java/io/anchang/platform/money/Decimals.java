package io.anchang.platform.money;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Decimal numbers as clients send them — amounts, areas, percentages — checked for size and
 * precision before anything computes with them. {@code new BigDecimal("1E10000000")} is cheap;
 * rounding it, printing it plain or adding to it is not (ten million digits). So the text is read
 * only up to {@value #MAX_TEXT} characters, and a value is judged by its digit count and exponent
 * (int arithmetic) before any {@code setScale}, {@code toPlainString} or sum. Plain Java.
 */
public final class Decimals {

    /** The longest number text read at all. */
    public static final int MAX_TEXT = 40;

    /** What is wrong with a number. */
    public enum Problem {
        /** Not a decimal number (or longer than {@value #MAX_TEXT} characters). */
        NOT_A_NUMBER,
        /** More decimals than the field has. */
        TOO_PRECISE,
        /** More integer digits than the field's largest value has. */
        TOO_LARGE
    }

    /** A number refused, and why. */
    public static final class Refused extends RuntimeException {

        private final Problem problem;

        public Refused(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private Decimals() {
    }

    /**
     * Reads a number from text (thousands separators not allowed here) or a JSON number, with at
     * most {@code maxDecimals} decimals (trailing zeros do not count) and at most {@code maxIntegerDigits}
     * digits before the point. A zero comes back as {@link BigDecimal#ZERO}.
     *
     * @throws Refused with what is wrong; nothing expensive has been done with the value then
     */
    public static BigDecimal read(Object raw, int maxDecimals, int maxIntegerDigits) {
        BigDecimal value;
        if (raw instanceof BigDecimal decimal) {
            value = decimal;
        } else if (raw instanceof String || raw instanceof Number) {
            String text = raw.toString().trim();
            if (text.isEmpty() || text.length() > MAX_TEXT) {
                throw new Refused(Problem.NOT_A_NUMBER);
            }
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new Refused(Problem.NOT_A_NUMBER);
            }
        } else {
            throw new Refused(Problem.NOT_A_NUMBER);
        }
        return check(value, maxDecimals, maxIntegerDigits);
    }

    /** {@link #read} for a value parsed already: the same checks, in the same safe order. */
    public static BigDecimal check(BigDecimal value, int maxDecimals, int maxIntegerDigits) {
        Optional<Problem> problem = problem(value, maxDecimals, maxIntegerDigits);
        if (problem.isPresent()) {
            throw new Refused(problem.get());
        }
        return value.signum() == 0 ? BigDecimal.ZERO : value;
    }

    /** What is wrong with {@code value} for a field of that many decimals and integer digits, if anything. */
    public static Optional<Problem> problem(BigDecimal value, int maxDecimals, int maxIntegerDigits) {
        if (value.signum() == 0) {
            return Optional.empty();
        }
        long scale = value.scale();
        long precision = value.precision();
        if (precision > 2L * MAX_TEXT) {
            return Optional.of(Problem.NOT_A_NUMBER);
        }
        if (precision - scale > maxIntegerDigits) {
            return Optional.of(Problem.TOO_LARGE);
        }
        // the lowest non-zero digit sits (scale - trailing zeros) places after the point; the
        // unscaled value has at most 2 * MAX_TEXT digits here, so stripping its zeros is cheap
        if (scale > maxDecimals && (scale - precision >= maxDecimals || value.stripTrailingZeros().scale() > maxDecimals)) {
            return Optional.of(Problem.TOO_PRECISE);
        }
        return Optional.empty();
    }
}
