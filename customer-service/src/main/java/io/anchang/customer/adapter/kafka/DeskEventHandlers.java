package io.anchang.customer.adapter.kafka;

import io.anchang.customer.application.AttributingVisits;
import io.anchang.customer.application.FixingDealCredit;
import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.events.deal.BigDepositSigned;
import io.anchang.platform.events.reception.CallRegistered;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.events.reception.VisitServed;
import io.anchang.platform.messaging.TypedEventHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The event handlers of customer-service, each applied once per event id. */
public final class DeskEventHandlers {

    private DeskEventHandlers() {
    }

    /** Flow 1 degraded: a visit registered while customer-service did not answer is resolved now; a fallback rep helps. */
    public static final class VisitRegisteredHandler extends TypedEventHandler<VisitRegistered> {
        private final AttributingVisits attributing;

        public VisitRegisteredHandler(AttributingVisits attributing, JsonMapper mapper) {
            super(VisitRegistered.class, mapper);
            this.attributing = attributing;
        }

        @Override
        public String name() {
            return "customer.visit-registered";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, VisitRegistered payload) {
            return attributing.registered(payload);
        }
    }

    /** A call registered without an answer: the call register is the first registration (R-ATT-1). */
    public static final class CallRegisteredHandler extends TypedEventHandler<CallRegistered> {
        private final AttributingVisits attributing;

        public CallRegisteredHandler(AttributingVisits attributing, JsonMapper mapper) {
            super(CallRegistered.class, mapper);
            this.attributing = attributing;
        }

        @Override
        public String name() {
            return "customer.call-registered";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, CallRegistered payload) {
            return attributing.registered(payload);
        }
    }

    /** R-REC-9: a waiting customer was taken by a rep. */
    public static final class VisitServedHandler extends TypedEventHandler<VisitServed> {
        private final AttributingVisits attributing;

        public VisitServedHandler(AttributingVisits attributing, JsonMapper mapper) {
            super(VisitServed.class, mapper);
            this.attributing = attributing;
        }

        @Override
        public String name() {
            return "customer.visit-served";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, VisitServed payload) {
            return attributing.served(payload);
        }
    }

    /** R-ATT-17: a big deposit was signed; answer with the credit valid at that moment. */
    public static final class BigDepositSignedHandler extends TypedEventHandler<BigDepositSigned> {
        private final FixingDealCredit fixing;

        public BigDepositSignedHandler(FixingDealCredit fixing, JsonMapper mapper) {
            super(BigDepositSigned.class, mapper);
            this.fixing = fixing;
        }

        @Override
        public String name() {
            return "customer.deal-credit";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, BigDepositSigned payload) {
            return fixing.fix(payload);
        }
    }
}
