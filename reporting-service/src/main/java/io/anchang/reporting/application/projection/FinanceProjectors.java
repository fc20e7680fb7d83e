package io.anchang.reporting.application.projection;

import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.events.finance.LatePaymentRecorded;
import io.anchang.platform.events.finance.PaymentRecorded;
import io.anchang.platform.events.finance.RefundDueOpened;
import io.anchang.reporting.domain.DealEntry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.EntryRef;
import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.PaymentEntry;

import java.util.List;
import java.time.LocalDate;

/**
 * The finance desk's events: collections (回款) as FINANCE confirmed them — deposits (R-FIN-2) and the contract's terms
 * (R-FIN-3: down payment, instalments, the bank's loan) — and refunds owed (R-FIN-4). Fees and penalties are kept in the
 * register but are not 回款.
 */
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
                Projector.of(PaymentRecorded.class, p -> p.dealId() == null || !collection(p.kind())
                        ? List.of(new EntryRef(EntryKind.PAYMENT, "payment:" + p.receiptNo()))
                        : List.of(new EntryRef(EntryKind.PAYMENT, "payment:" + p.receiptNo()), new EntryRef(EntryKind.DEAL, p.dealId())),
                        (fact, entries) -> {
                    PaymentRecorded p = fact.payload();
                    LocalDate day = p.businessDay() != null ? p.businessDay() : entries.day(p.siteId(), p.recordedAt());
                    boolean collection = collection(p.kind());
                    entries.change(EntryKind.PAYMENT, "payment:" + p.receiptNo(), p.siteId(), fact, payment -> payment.recorded(
                            collection ? PaymentEntry.Kind.PAYMENT : PaymentEntry.Kind.FEE, day, p.recordedAt(), Fen.of(p.amount()), null,
                            p.dealId(), null, p.receiptNo(), p.method(), p.kind()));
                    if (collection && p.dealId() != null) {
                        // collected for the deal — its rep, as the deposits are
                        entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact,
                                deal -> deal.paid(new DealEntry.Payment("payment:" + p.receiptNo(), day, Fen.of(p.amount()))));
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

    /** 回款: what is paid towards the price — the down payment, an instalment, the bank's loan — not a fee or a penalty. */
    static boolean collection(String kind) {
        return "DOWN_PAYMENT".equals(kind) || "INSTALMENT".equals(kind) || "MORTGAGE".equals(kind);
    }
}
