package io.anchang.deal.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingTest {

    private final PolicySettings policy = PolicySettings.defaults(); // rep 1 %, manager 3 %
    private final Money list = Money.of("2000000.00");

    @Test
    @DisplayName("R-DEAL-12 the price is the list price less the discount, recorded with who granted it")
    void priceIsListLessDiscount() {
        Pricing.Price price = Pricing.price(list, new BigDecimal("0.5"), Set.of(Role.SALES), "rep-1", policy);
        assertThat(price.price()).isEqualTo(Money.of("1990000.00"));
        assertThat(price.grantedBy()).isEqualTo("rep-1");
        assertThat(Pricing.price(list, null, Set.of(Role.SALES), "rep-1", policy).price()).isEqualTo(list);
    }

    @Test
    @DisplayName("R-DEAL-12 a rep grants up to repDiscountPercent; more is refused")
    void aRepIsLimited() {
        assertThat(Pricing.price(list, new BigDecimal("1.00"), Set.of(Role.SALES), "rep-1", policy).price()).isEqualTo(Money.of("1980000.00"));
        assertThatThrownBy(() -> Pricing.price(list, new BigDecimal("1.01"), Set.of(Role.SALES), "rep-1", policy))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo("discount-over-limit");
                    assertThat(e.status()).isEqualTo(403);
                });
        assertThatThrownBy(() -> Pricing.price(list, new BigDecimal("2"), Set.of(Role.SUPERVISOR), "sup", policy))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    @DisplayName("R-DEAL-12 a MANAGER grants up to managerDiscountPercent; more is refused")
    void aManagerIsLimitedToo() {
        assertThat(Pricing.price(list, new BigDecimal("3"), Set.of(Role.MANAGER), "mgr", policy).price()).isEqualTo(Money.of("1940000.00"));
        assertThatThrownBy(() -> Pricing.price(list, new BigDecimal("3.5"), Set.of(Role.MANAGER), "mgr", policy))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Pricing.price(list, new BigDecimal("-1"), Set.of(Role.MANAGER), "mgr", policy))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo("discount-invalid"));
    }
}
