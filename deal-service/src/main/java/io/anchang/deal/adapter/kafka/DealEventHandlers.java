package io.anchang.deal.adapter.kafka;

import io.anchang.deal.application.CustomerCopies;
import io.anchang.deal.application.DepositSaga;
import io.anchang.deal.application.HoldingUnits;
import io.anchang.platform.events.customer.CustomerOwnerChanged;
import io.anchang.platform.events.customer.CustomerRegistered;
import io.anchang.platform.events.customer.DealCreditFixed;
import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.events.finance.DepositRequestLapsed;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.TypedEventHandler;
import tools.jackson.databind.json.JsonMapper;

/** The events deal-service consumes, each applied once per event id by the platform. */
public final class DealEventHandlers {

    private DealEventHandlers() {
    }

    /** {@code customer.registered}: the customer and its first owner (R-ATT-1), for the hold check (R-DEAL-2). */
    public static EventHandler customerRegistered(CustomerCopies customers, JsonMapper mapper) {
        return TypedEventHandler.of("deal-customer-registered", CustomerRegistered.class, mapper,
                (envelope, c) -> customers.registered(c.siteId(), c.customerId(), c.name(), c.ownerRep()));
    }

    /** {@code customer.owner-changed}: who owns the customer now. */
    public static EventHandler customerOwnerChanged(CustomerCopies customers, JsonMapper mapper) {
        return TypedEventHandler.of("deal-customer-owner", CustomerOwnerChanged.class, mapper,
                (envelope, c) -> customers.ownerChanged(c.siteId(), c.customerId(), c.ownerRep()));
    }

    /** {@code finance.deposit-confirmed}: R-FIN-2, the confirmation moves the unit. */
    public static EventHandler depositConfirmed(DepositSaga saga, JsonMapper mapper) {
        return TypedEventHandler.of("deal-deposit-confirmed", DepositConfirmed.class, mapper, (envelope, c) -> saga.confirmed(c));
    }

    /** {@code finance.deposit-request-lapsed}: R-DEAL-2, R-DEAL-3, the desk's verdict that a deadline passed unconfirmed. */
    public static EventHandler depositRequestLapsed(HoldingUnits holding, JsonMapper mapper) {
        return TypedEventHandler.of("deal-deposit-request-lapsed", DepositRequestLapsed.class, mapper,
                (envelope, lapsed) -> holding.requestLapsed(lapsed));
    }

    /** {@code customer.deal-credit-fixed}: R-ATT-17, the shares kept on the deal. */
    public static EventHandler dealCreditFixed(DepositSaga saga, JsonMapper mapper) {
        return TypedEventHandler.of("deal-credit-fixed", DealCreditFixed.class, mapper, (envelope, fixed) -> saga.creditFixed(fixed));
    }
}
