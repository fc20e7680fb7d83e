package io.anchang.finance.adapter.kafka;

import io.anchang.finance.application.FinanceDesk;
import io.anchang.platform.events.deal.DepositRejected;
import io.anchang.platform.events.deal.DepositRequested;
import io.anchang.platform.events.deal.SmallDepositLapsed;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.TypedEventHandler;
import tools.jackson.databind.json.JsonMapper;

/** The deal events finance-service consumes, each applied once per event id by the platform. */
public final class FinanceEventHandlers {

    private FinanceEventHandlers() {
    }

    /** {@code deal.deposit-requested}: queued for the desk. */
    public static EventHandler depositRequested(FinanceDesk desk, JsonMapper mapper) {
        return TypedEventHandler.of("finance-deposit-requested", DepositRequested.class, mapper, (envelope, p) -> desk.requested(p));
    }

    /** {@code deal.unit-released}: the hold is gone, its queued request is cancelled. */
    public static EventHandler unitReleased(FinanceDesk desk, JsonMapper mapper) {
        return TypedEventHandler.of("finance-unit-released", UnitReleased.class, mapper, (envelope, p) -> desk.released(p));
    }

    /** {@code deal.small-deposit-lapsed}: R-DEAL-3, what was paid is owed back; waiting requests of the deal are cancelled. */
    public static EventHandler smallDepositLapsed(FinanceDesk desk, JsonMapper mapper) {
        return TypedEventHandler.of("finance-small-deposit-lapsed", SmallDepositLapsed.class, mapper, (envelope, p) -> desk.smallDepositLapsed(p));
    }

    /** {@code deal.deposit-rejected}: the money is owed back. */
    public static EventHandler depositRejected(FinanceDesk desk, JsonMapper mapper) {
        return TypedEventHandler.of("finance-deposit-rejected", DepositRejected.class, mapper, (envelope, p) -> desk.rejected(p));
    }
}
