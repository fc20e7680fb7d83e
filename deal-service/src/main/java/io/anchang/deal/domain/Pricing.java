package io.anchang.deal.domain;

import io.anchang.platform.money.Decimals;
import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;

import java.math.BigDecimal;
import java.util.Set;

/**
 * R-DEAL-12: a deal's price is the list price less a discount; a rep (or supervisor) grants
 * up to {@code repDiscountPercent}, a MANAGER up to {@code managerDiscountPercent}; more is
 * refused. The discount is recorded with who granted it.
 */
public final class Pricing {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Pricing() {
    }

    public record Price(Money listPrice, BigDecimal discountPercent, Money price, String grantedBy) {
    }

    public static Price price(Money listPrice, BigDecimal discountPercent, Set<Role> roles, String userId, PolicySettings policy) {
        BigDecimal percent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
        // judged by digits and exponent first: 1E10000000 is refused before anything rounds or prints it
        if (Decimals.problem(percent, 2, 3).isPresent() || percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            throw ProblemException.invalid("discount-invalid", "折扣应为 0 到 100 之间、最多两位小数的百分比 (The discount is a percent from 0 to 100 with at most 2 decimals, not "
                    + Echo.of(percent) + ")");
        }
        boolean manager = roles.stream().anyMatch(r -> r.includes(Role.MANAGER));
        BigDecimal limit = manager ? policy.managerDiscountPercent() : policy.repDiscountPercent();
        if (percent.compareTo(limit) > 0) {
            // R-DEAL-12: more than the granting role's limit is refused
            throw ProblemException.forbidden("discount-over-limit", (manager ? "销售经理" : "置业顾问") + "最多可给 "
                    + limit.stripTrailingZeros().toPlainString() + "% 折扣，申请的是 " + percent.stripTrailingZeros().toPlainString()
                    + "% (" + (manager ? "A MANAGER" : "A rep") + " may grant at most " + limit.stripTrailingZeros().toPlainString() + "%)");
        }
        Money price = listPrice.minus(listPrice.percent(percent));
        return new Price(listPrice, percent, price, percent.signum() == 0 ? null : userId);
    }
}
