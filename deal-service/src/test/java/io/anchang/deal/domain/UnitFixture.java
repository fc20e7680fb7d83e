package io.anchang.deal.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Units in the states the rules talk about. */
final class UnitFixture {

    static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");

    private UnitFixture() {
    }

    static Unit anAvailableUnit() {
        return Unit.entered("SH01", "3", "1702", 17, "三室两厅", new BigDecimal("128.50"), Money.of("3580000.00"), "南", "A");
    }

    static Unit.Hold aHold(String rep, String repName) {
        return new Unit.Hold("hold-" + rep, "cust-1", "王先生", rep, repName, NOW, NOW.plus(Duration.ofMinutes(30)));
    }

    static Unit aHeldUnit() {
        return anAvailableUnit().hold(aHold("rep-1", "张伟"));
    }

    static Unit.DepositRequest aRequest(DepositKind kind, String amount) {
        Pricing.Price price = Pricing.price(Money.of("3580000.00"), new BigDecimal("1"), Set.of(Role.SALES), "rep-1",
                PolicySettings.defaults());
        Buyer buyer = kind == DepositKind.BIG ? Buyer.checked("王小明", "13812345678", "上海市浦东新区滨江大道1号", "200120") : null;
        return new Unit.DepositRequest("req-" + kind + amount, kind, Money.of(amount), price, buyer, "rep-1", NOW);
    }
}
