package io.anchang.deal.adapter.kafka;

import io.anchang.deal.application.CustomerCopies;
import io.anchang.deal.application.DepositSaga;
import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.events.customer.CustomerOwnerChanged;
import io.anchang.platform.events.customer.CustomerRegistered;
import io.anchang.platform.events.customer.DealCreditFixed;
import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.messaging.TypedEventHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The events deal-service consumes, each applied once per event id by the platform. */
public final class DealEventHandlers {

    private DealEventHandlers() {
    }

    /** {@code customer.registered}: the customer and its first owner (R-ATT-1), for the hold check (R-DEAL-2). */
    public static final class CustomerRegisteredHandler extends TypedEventHandler<CustomerRegistered> {
        private final CustomerCopies customers;

        public CustomerRegisteredHandler(CustomerCopies customers, JsonMapper mapper) {
            super(CustomerRegistered.class, mapper);
            this.customers = customers;
        }

        @Override
        public String name() {
            return "deal-customer-registered";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, CustomerRegistered c) {
            return customers.registered(c.siteId(), c.customerId(), c.name(), c.ownerRep());
        }
    }

    /** {@code customer.owner-changed}: who owns the customer now. */
    public static final class CustomerOwnerChangedHandler extends TypedEventHandler<CustomerOwnerChanged> {
        private final CustomerCopies customers;

        public CustomerOwnerChangedHandler(CustomerCopies customers, JsonMapper mapper) {
            super(CustomerOwnerChanged.class, mapper);
            this.customers = customers;
        }

        @Override
        public String name() {
            return "deal-customer-owner";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, CustomerOwnerChanged c) {
            return customers.ownerChanged(c.siteId(), c.customerId(), c.ownerRep());
        }
    }

    /** {@code finance.deposit-confirmed}: R-FIN-2, the confirmation moves the unit. */
    public static final class DepositConfirmedHandler extends TypedEventHandler<DepositConfirmed> {
        private final DepositSaga saga;

        public DepositConfirmedHandler(DepositSaga saga, JsonMapper mapper) {
            super(DepositConfirmed.class, mapper);
            this.saga = saga;
        }

        @Override
        public String name() {
            return "deal-deposit-confirmed";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, DepositConfirmed confirmed) {
            return saga.confirmed(confirmed);
        }
    }

    /** {@code customer.deal-credit-fixed}: R-ATT-17, the shares kept on the deal. */
    public static final class DealCreditFixedHandler extends TypedEventHandler<DealCreditFixed> {
        private final DepositSaga saga;

        public DealCreditFixedHandler(DepositSaga saga, JsonMapper mapper) {
            super(DealCreditFixed.class, mapper);
            this.saga = saga;
        }

        @Override
        public String name() {
            return "deal-credit-fixed";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, DealCreditFixed fixed) {
            return saga.creditFixed(fixed);
        }
    }
}
