package io.anchang.finance.adapter.kafka;

import io.anchang.finance.application.FinanceDesk;
import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.events.deal.DepositRejected;
import io.anchang.platform.events.deal.DepositRequested;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.messaging.TypedEventHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The deal events finance-service consumes, each applied once per event id by the platform. */
public final class FinanceEventHandlers {

    private FinanceEventHandlers() {
    }

    /** {@code deal.deposit-requested}: queued for the desk. */
    public static final class DepositRequestedHandler extends TypedEventHandler<DepositRequested> {
        private final FinanceDesk desk;

        public DepositRequestedHandler(FinanceDesk desk, JsonMapper mapper) {
            super(DepositRequested.class, mapper);
            this.desk = desk;
        }

        @Override
        public String name() {
            return "finance-deposit-requested";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, DepositRequested payload) {
            return desk.requested(payload);
        }
    }

    /** {@code deal.unit-released}: the hold is gone, its queued request is cancelled. */
    public static final class UnitReleasedHandler extends TypedEventHandler<UnitReleased> {
        private final FinanceDesk desk;

        public UnitReleasedHandler(FinanceDesk desk, JsonMapper mapper) {
            super(UnitReleased.class, mapper);
            this.desk = desk;
        }

        @Override
        public String name() {
            return "finance-unit-released";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, UnitReleased payload) {
            return desk.released(payload);
        }
    }

    /** {@code deal.deposit-rejected}: the money is owed back. */
    public static final class DepositRejectedHandler extends TypedEventHandler<DepositRejected> {
        private final FinanceDesk desk;

        public DepositRejectedHandler(FinanceDesk desk, JsonMapper mapper) {
            super(DepositRejected.class, mapper);
            this.desk = desk;
        }

        @Override
        public String name() {
            return "finance-deposit-rejected";
        }

        @Override
        protected Mono<Void> handle(EventEnvelope envelope, DepositRejected payload) {
            return desk.rejected(payload);
        }
    }
}
