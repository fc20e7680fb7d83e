package io.anchang.platform.money;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    @DisplayName("R-FIN-6 money is exact yuan with two decimals")
    void amountsHaveScaleTwo() {
        assertThat(Money.of("12").amount()).isEqualByComparingTo("12.00");
        assertThat(Money.of("12").amount().scale()).isEqualTo(2);
        assertThat(Money.of("0.1").plus(Money.of("0.2"))).isEqualTo(Money.of("0.30"));
    }

    @Test
    @DisplayName("R-FIN-6 an amount with three decimals is refused, never rounded")
    void threeDecimalsAreRefused() {
        assertThatThrownBy(() -> Money.of("10.005")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 decimals");
    }

    @Test
    void aHugeExponentIsRefusedWithoutBeingExpanded() {
        assertThatThrownBy(() -> new Money(new BigDecimal("1E10000000"))).isInstanceOf(IllegalArgumentException.class)
                .message().hasSizeLessThan(100);
        assertThatThrownBy(() -> new Money(new BigDecimal("1E-200000000"))).isInstanceOf(IllegalArgumentException.class)
                .message().hasSizeLessThan(100);
        assertThat(new Money(new BigDecimal("0E-999999999"))).isEqualTo(Money.ZERO);
    }

    @Test
    void trailingZerosBeyondTheFenAreAccepted() {
        assertThat(Money.of("10.500")).isEqualTo(Money.of("10.50"));
    }

    @Test
    void percentRoundsHalfUpToTheFen() {
        assertThat(Money.of("1000001.00").percent(new BigDecimal("1.0"))).isEqualTo(Money.of("10000.01"));
        assertThat(Money.of("0.05").percent(new BigDecimal("50"))).isEqualTo(Money.of("0.03"));
    }

    @Test
    void comparesByValue() {
        assertThat(Money.of("5").compareTo(Money.of("5.00"))).isZero();
        assertThat(Money.of("-1").isNegative()).isTrue();
        assertThat(Money.ZERO.isPositive()).isFalse();
    }
}
