package io.anchang.reception.adapter.kafka;

import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.events.customer.ComplaintLodged;
import io.anchang.platform.events.customer.ComplaintVerified;
import io.anchang.platform.events.customer.CustomersRedistributed;
import io.anchang.platform.events.customer.DisputeRuled;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.platform.messaging.TypedEventHandler;
import io.anchang.reception.application.Informing;
import io.anchang.reception.application.Reconciling;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.BiFunction;
import java.util.UUID;

/** reception-service's handlers of customer-service's events, each applied once per event id. */
public final class CustomerEventHandlers {

    private CustomerEventHandlers() {
    }

    /** Flow 1: the register and the rotation follow the attribution (degraded visits reconciled, turns given back). */
    public static final class Reconciler extends TypedEventHandler<VisitAttributed> {
        private final Reconciling reconciling;

        public Reconciler(Reconciling reconciling, JsonMapper mapper) {
            super(VisitAttributed.class, mapper);
            this.reconciling = reconciling;
        }

        @Override
        public String name() {
            return "reception.reconcile-attribution";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, VisitAttributed payload) {
            return reconciling.attributed(payload);
        }
    }

    /** An inbox feed from one customer event. */
    public static final class Inform<P> extends TypedEventHandler<P> {
        private final String name;
        private final BiFunction<UUID, P, Mono<Void>> tell;

        public Inform(Class<P> type, String name, BiFunction<UUID, P, Mono<Void>> tell, JsonMapper mapper) {
            super(type, mapper);
            this.name = name;
            this.tell = tell;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, P payload) {
            return tell.apply(envelope.eventId(), payload);
        }
    }

    public static Inform<VisitAttributed> helperServed(Informing informing, JsonMapper mapper) {
        return new Inform<>(VisitAttributed.class, "reception.inbox-helper", informing::attributed, mapper);
    }

    public static Inform<ComplaintLodged> complaintLodged(Informing informing, JsonMapper mapper) {
        return new Inform<>(ComplaintLodged.class, "reception.inbox-complaint", informing::complaintLodged, mapper);
    }

    public static Inform<ComplaintVerified> complaintVerified(Informing informing, JsonMapper mapper) {
        return new Inform<>(ComplaintVerified.class, "reception.inbox-complaint-checked", informing::complaintVerified, mapper);
    }

    public static Inform<CustomersRedistributed> redistributed(Informing informing, JsonMapper mapper) {
        return new Inform<>(CustomersRedistributed.class, "reception.inbox-redistribution", informing::redistributed, mapper);
    }

    public static Inform<DisputeRuled> disputeRuled(Informing informing, JsonMapper mapper) {
        return new Inform<>(DisputeRuled.class, "reception.inbox-ruling", informing::disputeRuled, mapper);
    }
}
