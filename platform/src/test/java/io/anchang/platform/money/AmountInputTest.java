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

    private static void refused(Object raw, String currency, String type) {
        assertThatThrownBy(() -> AmountInput.positive(raw, currency, "amount"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.status()).isEqualTo(400);
                });
    }
}
