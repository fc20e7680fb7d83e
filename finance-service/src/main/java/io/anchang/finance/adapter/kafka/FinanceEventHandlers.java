package io.anchang.finance.adapter.kafka;

import io.anchang.finance.application.FinanceDesk;
import io.anchang.finance.application.FollowingDeals;
import io.anchang.finance.application.TrackingMortgages;
import io.anchang.platform.events.deal.BreachRuled;
import io.anchang.platform.events.deal.ContractSigned;
import io.anchang.platform.events.deal.NameChangeRequested;
import io.anchang.platform.events.deal.NameChanged;
import io.anchang.platform.events.deal.Refunded;
import io.anchang.platform.events.finance.PaymentRecorded;
import io.anchang.platform.events.finance.ReceiptReversed;
import io.anchang.platform.events.finance.ReceiptVoided;
import io.anchang.platform.events.finance.VoucherReversed;
import io.anchang.platform.events.finance.VoucherVoided;
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

    /** {@code deal.contract-signed}: R-FIN-3, the terms become amounts due; R-FIN-7, a mortgage is tracked. */
    public static EventHandler contractSigned(FollowingDeals deals, JsonMapper mapper) {
        return TypedEventHandler.of("finance-contract-signed", ContractSigned.class, mapper, (envelope, p) -> deals.contractSigned(p));
    }

    /** {@code deal.name-change-requested}: R-DEAL-8, the transfer fee is due. */
    public static EventHandler nameChangeRequested(FollowingDeals deals, JsonMapper mapper) {
        return TypedEventHandler.of("finance-name-change-requested", NameChangeRequested.class, mapper, (envelope, p) -> deals.nameChangeRequested(p));
    }

    /** {@code deal.name-changed}: the new buyer pays what is still due. */
    public static EventHandler nameChanged(FollowingDeals deals, JsonMapper mapper) {
        return TypedEventHandler.of("finance-name-changed", NameChanged.class, mapper, (envelope, p) -> deals.nameChanged(p));
    }

    /** {@code deal.breach-ruled}: R-DEAL-9, a penalty due, or a cancellation's refund and what is no longer due. */
    public static EventHandler breachRuled(FollowingDeals deals, JsonMapper mapper) {
        return TypedEventHandler.of("finance-breach-ruled", BreachRuled.class, mapper, (envelope, p) -> deals.breachRuled(p));
    }

    /** {@code deal.refunded}: R-DEAL-10, what the MANAGER's approval pays back is owed. */
    public static EventHandler refunded(FollowingDeals deals, JsonMapper mapper) {
        return TypedEventHandler.of("finance-refunded", Refunded.class, mapper, (envelope, p) -> deals.refunded(p));
    }

    /** finance-service's own {@code finance.receipt-voided}: the amount is due again. */
    public static EventHandler receiptVoided(FollowingDeals deals, JsonMapper mapper) {
        return TypedEventHandler.of("finance-receipt-voided", ReceiptVoided.class, mapper, (envelope, p) -> deals.receiptVoided(p));
    }

    /** finance-service's own {@code finance.receipt-reversed}: the amount is due again. */
    public static EventHandler receiptReversed(FollowingDeals deals, JsonMapper mapper) {
        return TypedEventHandler.of("finance-receipt-reversed", ReceiptReversed.class, mapper, (envelope, p) -> deals.receiptReversed(p));
    }

    /** finance-service's own {@code finance.voucher-voided}: the refund is owed again. */
    public static EventHandler voucherVoided(FollowingDeals deals, JsonMapper mapper) {
        return TypedEventHandler.of("finance-voucher-voided", VoucherVoided.class, mapper, (envelope, p) -> deals.voucherVoided(p));
    }

    /** finance-service's own {@code finance.voucher-reversed}: R-FIN-7, the refund the reversed voucher paid is owed again. */
    public static EventHandler voucherReversed(FollowingDeals deals, JsonMapper mapper) {
        return TypedEventHandler.of("finance-voucher-reversed", VoucherReversed.class, mapper, (envelope, p) -> deals.voucherReversed(p));
    }

    /** finance-service's own {@code finance.payment-recorded}: R-FIN-7, a mortgage's loan paid in full makes it LOAN_PAID. */
    public static EventHandler loanRecorded(TrackingMortgages mortgages, JsonMapper mapper) {
        return TypedEventHandler.of("finance-loan-recorded", PaymentRecorded.class, mapper, (envelope, p) -> mortgages.loanRecorded(p));
    }
}
