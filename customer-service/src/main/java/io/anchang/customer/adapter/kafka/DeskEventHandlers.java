package io.anchang.customer.adapter.kafka;

import io.anchang.customer.application.AttributingVisits;
import io.anchang.customer.application.FixingDealCredit;
import io.anchang.platform.events.deal.BigDepositSigned;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.events.reception.VisitServed;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.TypedEventHandler;
import tools.jackson.databind.json.JsonMapper;

/** The event handlers of customer-service, each applied once per event id. */
public final class DeskEventHandlers {

    private DeskEventHandlers() {
    }

    /** A visit the desk gave to another rep than the one proposed: that rep helps (R-REC-9, R-ATT-7). */
    public static EventHandler visitRegistered(AttributingVisits attributing, JsonMapper mapper) {
        return TypedEventHandler.of("customer.visit-registered", VisitRegistered.class, mapper, (envelope, p) -> attributing.registered(p));
    }

    /** R-REC-9: a waiting customer was taken by a rep. */
    public static EventHandler visitServed(AttributingVisits attributing, JsonMapper mapper) {
        return TypedEventHandler.of("customer.visit-served", VisitServed.class, mapper, (envelope, p) -> attributing.served(p));
    }

    /** R-ATT-17: a big deposit was signed; answer with the credit valid at that moment. */
    public static EventHandler bigDepositSigned(FixingDealCredit fixing, JsonMapper mapper) {
        return TypedEventHandler.of("customer.deal-credit", BigDepositSigned.class, mapper, (envelope, p) -> fixing.fix(p));
    }
}
