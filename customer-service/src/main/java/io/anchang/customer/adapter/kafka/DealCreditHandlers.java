package io.anchang.customer.adapter.kafka;

import io.anchang.customer.application.SettlingDealCredit;
import io.anchang.customer.domain.DealCredit;
import io.anchang.platform.events.deal.BreachRuled;
import io.anchang.platform.events.deal.ContractSigned;
import io.anchang.platform.events.deal.Refunded;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.TypedEventHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** R-ATT-17: the deal events that make a deal's shares final or reverse them, each applied once. */
public final class DealCreditHandlers {

    private DealCreditHandlers() {
    }

    /** {@code deal.contract-signed}: final. */
    public static EventHandler contractSigned(SettlingDealCredit settling, JsonMapper mapper) {
        return TypedEventHandler.of("customer.deal-contract-signed", ContractSigned.class, mapper, (envelope, c) ->
                settling.settle(c.siteId(), c.customerId(), c.dealId(), DealCredit.FINAL, "deal.contract-signed", c.signedAt()));
    }

    /** {@code deal.refunded}: reversed. */
    public static EventHandler refunded(SettlingDealCredit settling, JsonMapper mapper) {
        return TypedEventHandler.of("customer.deal-refunded", Refunded.class, mapper, (envelope, r) ->
                settling.settle(r.siteId(), r.customerId(), r.dealId(), DealCredit.REVERSED, "deal.refunded", r.refundedAt()));
    }

    /** {@code deal.breach-ruled}: a cancellation reverses them; a penalty leaves them as they are. */
    public static EventHandler breachRuled(SettlingDealCredit settling, JsonMapper mapper) {
        return TypedEventHandler.of("customer.deal-breach-ruled", BreachRuled.class, mapper, (envelope, b) -> "CANCELLATION".equals(b.ruling())
                ? settling.settle(b.siteId(), b.customerId(), b.dealId(), DealCredit.REVERSED, "deal.breach-ruled", b.ruledAt())
                : Mono.empty());
    }
}
