package io.anchang.platform.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalsTest {

    @Test
    void readsNumbersWithinTheFieldsDigits() {
        assertThat(Decimals.read("120.50", 2, 5)).isEqualByComparingTo("120.5");
        assertThat(Decimals.read("120.500", 2, 5)).isEqualByComparingTo("120.5");
        assertThat(Decimals.read(99.99, 2, 5)).isEqualByComparingTo("99.99");
        assertThat(Decimals.read("1.25E7", 2, 8)).isEqualByComparingTo("12500000");
        assertThat(Decimals.read("0E-999999999", 2, 5)).isSameAs(BigDecimal.ZERO);
    }

    @Test
    void refusesByDigitCountAndExponentBeforeAnyArithmetic() {
        refused("1E10000000", 2, 11, Decimals.Problem.TOO_LARGE);
        refused("1E-200000000", 2, 11, Decimals.Problem.TOO_PRECISE);
        refused("0.001", 2, 11, Decimals.Problem.TOO_PRECISE);
        refused("100000", 2, 5, Decimals.Problem.TOO_LARGE);
        refused("1".repeat(41), 2, 50, Decimals.Problem.NOT_A_NUMBER);
        refused("12,5", 2, 5, Decimals.Problem.NOT_A_NUMBER);
        refused(Double.NaN, 2, 5, Decimals.Problem.NOT_A_NUMBER);
        refused(true, 2, 5, Decimals.Problem.NOT_A_NUMBER);
        refused(new BigDecimal("1E+999999999"), 2, 11, Decimals.Problem.TOO_LARGE);
    }

    private static void refused(Object raw, int decimals, int integerDigits, Decimals.Problem problem) {
        assertThatThrownBy(() -> Decimals.read(raw, decimals, integerDigits))
                .isInstanceOfSatisfying(Decimals.Refused.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
