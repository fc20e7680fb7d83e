package io.anchang.reception.adapter.kafka;

import io.anchang.platform.events.reception.CallRegistered;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.TypedEventHandler;
import io.anchang.reception.application.Reconciling;
import tools.jackson.databind.json.JsonMapper;

/** reception-service's handlers of its own desk's events, each applied once per event id. */
public final class DeskEventHandlers {

    private DeskEventHandlers() {
    }

    /** Flow 1 degraded: a walk-in registered without customer-service's answer is asked about again at once. */
    public static EventHandler pendingVisit(Reconciling reconciling, JsonMapper mapper) {
        return TypedEventHandler.of("reception.ask-pending-visit", VisitRegistered.class, mapper,
                (envelope, p) -> reconciling.registered(p.siteId(), p.visitId(), p.attributionPending()));
    }

    /** The same for a call registered without an answer (R-ATT-1: the call register is the first registration). */
    public static EventHandler pendingCall(Reconciling reconciling, JsonMapper mapper) {
        return TypedEventHandler.of("reception.ask-pending-call", CallRegistered.class, mapper,
                (envelope, p) -> reconciling.registered(p.siteId(), p.callId(), p.attributionPending()));
    }
}
