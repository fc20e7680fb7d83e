package io.anchang.reporting.application.projection;

import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.events.finance.LatePaymentRecorded;
import io.anchang.platform.events.finance.RefundDueOpened;
import io.anchang.reporting.domain.DealEntry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.EntryRef;
import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.PaymentEntry;

import java.util.List;
import java.time.LocalDate;

/** The finance desk's events: collections (回款) as FINANCE confirmed them (R-FIN-2), refunds owed (R-FIN-4). */
public final class FinanceProjectors {

    private FinanceProjectors() {
    }

    public static List<Projector<?>> all() {
        return List.of(
                Projector.of(DepositConfirmed.class, p -> List.of(new EntryRef(EntryKind.PAYMENT, p.requestId()),
                        new EntryRef(EntryKind.DEAL, p.holdId())), (fact, entries) -> {
                    DepositConfirmed p = fact.payload();
                    LocalDate day = entries.day(p.siteId(), p.confirmedAt());
                    entries.change(EntryKind.PAYMENT, p.requestId(), p.siteId(), fact, payment -> payment.recorded(
                            PaymentEntry.Kind.DEPOSIT, day, p.confirmedAt(), Fen.of(p.amount()), null, p.holdId(), null,
                            p.receiptNo(), p.method(), p.kind()));
                    if (p.holdId() != null) {
                        // collected for the deal — its rep, whether the deal's own events come before or after this one
                        entries.change(EntryKind.DEAL, p.holdId(), p.siteId(), fact,
                                deal -> deal.paid(new DealEntry.Payment(p.requestId(), day, Fen.of(p.amount()))));
                    }
                }),
                Projector.of(LatePaymentRecorded.class, p -> List.of(new EntryRef(EntryKind.PAYMENT, "late:" + p.requestId())), (fact, entries) -> {
                    LatePaymentRecorded p = fact.payload();
                    entries.change(EntryKind.PAYMENT, "late:" + p.requestId(), p.siteId(), fact, payment -> payment.recorded(
                            PaymentEntry.Kind.LATE, entries.day(p.siteId(), p.recordedAt()), p.recordedAt(), Fen.of(p.amount()), null,
                            null, null, p.receiptNo(), p.method(), null));
                }),
                Projector.of(RefundDueOpened.class, p -> List.of(new EntryRef(EntryKind.PAYMENT, "refund-due:" + p.refundId())), (fact, entries) -> {
                    RefundDueOpened p = fact.payload();
                    entries.change(EntryKind.PAYMENT, "refund-due:" + p.refundId(), p.siteId(), fact, payment -> payment.recorded(
                            PaymentEntry.Kind.REFUND_DUE, entries.day(p.siteId(), p.openedAt()), p.openedAt(), Fen.of(p.amount()),
                            null, null, null, p.receiptNo(), null, null));
                }));
    }
}
