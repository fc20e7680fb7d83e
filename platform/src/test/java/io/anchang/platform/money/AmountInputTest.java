package io.anchang.platform.money;

import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmountInputTest {

    @Test
    void readsStringsAndNumbersExactly() {
        assertThat(AmountInput.positive("1000.50", null, "amount")).isEqualTo(Money.of("1000.50"));
        assertThat(AmountInput.positive(1000.5, "CNY", "amount")).isEqualTo(Money.of("1000.50"));
        assertThat(AmountInput.positive(20000, null, "amount")).isEqualTo(Money.of(20000));
        assertThat(AmountInput.positive(new BigDecimal("12345678.12"), null, "amount")).isEqualTo(Money.of("12345678.12"));
    }

    @Test
    void refusesWhatIsNotAPositiveYuanAmount() {
        refused(null, null, "amount-required");
        refused("abc", null, "amount-invalid");
        refused(true, null, "amount-invalid");
        refused("0", null, "amount-not-positive");
        refused(-5, null, "amount-not-positive");
        refused("10.005", null, "amount-too-precise");
        refused(10.005, null, "amount-too-precise");
        refused("10", "USD", "currency-not-supported");
    }

    @Test
    void refusesHugeExponentsAndDigitsBeforeComputingWithThem() {
        refused("1E10000000", null, "amount-too-large");
        refused("1E-200000000", null, "amount-too-precise");
        refused("-1E10000000", null, "amount-too-large");
        refused("0E-999999999", null, "amount-not-positive");
        refused(new BigDecimal("1E+999999999"), null, "amount-too-large");
        refused("10000000000.01", null, "amount-too-large");
        refused("9".repeat(41), null, "amount-invalid");
        refused(Double.POSITIVE_INFINITY, null, "amount-invalid");
        assertThat(AmountInput.positive("10000000000.00", null, "amount")).isEqualTo(Money.of("10000000000"));
        assertThat(AmountInput.positive(1.0E7, null, "amount")).isEqualTo(Money.of(10_000_000));
    }

    @Test
    void messagesRepeatOnlyAFewCharactersOfTheInput() {
        String huge = "1".repeat(200_000);
        for (Object raw : new Object[]{huge, "1E-200000000", "x".repeat(100_000)}) {
            assertThatThrownBy(() -> AmountInput.positive(raw, null, "amount"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.detail()).hasSizeLessThan(300));
        }
        assertThatThrownBy(() -> AmountInput.positive("1", "C".repeat(100_000), "amount"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.detail()).hasSizeLessThan(300));
    }

    private static void refused(Object raw, String currency, String type) {
        assertThatThrownBy(() -> AmountInput.positive(raw, currency, "amount"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.status()).isEqualTo(400);
                });
    }
}
