package io.anchang.reception.adapter.kafka;

import io.anchang.platform.events.customer.ComplaintLodged;
import io.anchang.platform.events.customer.ComplaintVerified;
import io.anchang.platform.events.customer.CustomersRedistributed;
import io.anchang.platform.events.customer.DisputeRuled;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.TypedEventHandler;
import io.anchang.reception.application.Informing;
import io.anchang.reception.application.Reconciling;
import tools.jackson.databind.json.JsonMapper;

/** reception-service's handlers of customer-service's events, each applied once per event id. */
public final class CustomerEventHandlers {

    private CustomerEventHandlers() {
    }

    /** Flow 1: the register and the rotation follow the attribution (degraded visits reconciled, turns given back). */
    public static EventHandler reconciler(Reconciling reconciling, JsonMapper mapper) {
        return TypedEventHandler.of("reception.reconcile-attribution", VisitAttributed.class, mapper,
                (envelope, p) -> reconciling.attributed(p));
    }

    // the inbox feeds: each tells the users concerned by one customer event

    public static EventHandler helperServed(Informing informing, JsonMapper mapper) {
        return TypedEventHandler.of("reception.inbox-helper", VisitAttributed.class, mapper,
                (envelope, p) -> informing.attributed(envelope.eventId(), p));
    }

    public static EventHandler complaintLodged(Informing informing, JsonMapper mapper) {
        return TypedEventHandler.of("reception.inbox-complaint", ComplaintLodged.class, mapper,
                (envelope, p) -> informing.complaintLodged(envelope.eventId(), p));
    }

    public static EventHandler complaintVerified(Informing informing, JsonMapper mapper) {
        return TypedEventHandler.of("reception.inbox-complaint-checked", ComplaintVerified.class, mapper,
                (envelope, p) -> informing.complaintVerified(envelope.eventId(), p));
    }

    public static EventHandler redistributed(Informing informing, JsonMapper mapper) {
        return TypedEventHandler.of("reception.inbox-redistribution", CustomersRedistributed.class, mapper,
                (envelope, p) -> informing.redistributed(envelope.eventId(), p));
    }

    public static EventHandler disputeRuled(Informing informing, JsonMapper mapper) {
        return TypedEventHandler.of("reception.inbox-ruling", DisputeRuled.class, mapper,
                (envelope, p) -> informing.disputeRuled(envelope.eventId(), p));
    }
}
