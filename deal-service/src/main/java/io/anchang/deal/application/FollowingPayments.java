package io.anchang.deal.application;

import io.anchang.platform.events.finance.PaymentRecorded;
import io.anchang.platform.events.finance.ReceiptReversed;
import io.anchang.platform.events.finance.ReceiptVoided;
import io.anchang.platform.money.Money;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * What the deal keeps of the payments FINANCE records against its contract (R-FIN-3): the amount paid
 * in all bounds a refund on cancellation (R-DEAL-9). Nothing here records money: only finance-service
 * does (R-SEC-2).
 */
public class FollowingPayments {

    private final UnitWrites writes;

    public FollowingPayments(UnitWrites writes) {
        this.writes = writes;
    }

    public Mono<Void> recorded(PaymentRecorded paid) {
        if (paid.dealId() == null) {
            return Mono.empty();
        }
        return writes.deal(paid.siteId(), paid.dealId(), unit -> unit.paymentRecorded(paid.receiptNo(), paid.kind(), new Money(paid.amount())),
                (before, after) -> List.of()).then();
    }

    /** A voided receipt no longer counts: its negative twin. */
    public Mono<Void> voided(ReceiptVoided voided) {
        if (voided.dealId() == null) {
            return Mono.empty();
        }
        return writes.deal(voided.siteId(), voided.dealId(), unit -> unit.sale().dealing().hasPayment(voided.receiptNo())
                        ? unit.paymentRecorded("void:" + voided.receiptNo(), "VOID", new Money(voided.amount().negate()))
                        : java.util.Optional.empty(),
                (before, after) -> List.of()).then();
    }

    /** A reversing entry on a later day counts as what it is: a negative payment with its own number. */
    public Mono<Void> reversed(ReceiptReversed reversed) {
        if (reversed.dealId() == null) {
            return Mono.empty();
        }
        return writes.deal(reversed.siteId(), reversed.dealId(), unit -> unit.paymentRecorded(reversed.receiptNo(), "REVERSAL",
                new Money(reversed.amount())), (before, after) -> List.of()).then();
    }
}
