package io.anchang.reporting.application.projection;

import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.events.finance.LatePaymentRecorded;
import io.anchang.platform.events.finance.PaymentRecorded;
import io.anchang.platform.events.finance.ReceiptReversed;
import io.anchang.platform.events.finance.ReceiptVoided;
import io.anchang.platform.events.finance.RefundDueOpened;
import io.anchang.platform.events.finance.RefundPaid;
import io.anchang.platform.events.finance.VoucherReversed;
import io.anchang.platform.events.finance.VoucherVoided;
import io.anchang.reporting.domain.DealEntry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.EntryRef;
import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.PaymentEntry;

import java.util.List;
import java.time.LocalDate;

/**
 * The finance desk's events: collections (回款) as FINANCE confirmed them — deposits (R-FIN-2) and the contract's terms
 * (R-FIN-3: down payment, instalments, the bank's loan) — refunds owed and paid out (R-FIN-4, money out, each payout of a
 * refund paid in parts on its own), and the desk's corrections: a voided receipt or voucher (R-FIN-1) counts nowhere — not
 * on its own day either — and a reversing entry of a closed day (R-FIN-7) counts its negative amount on the day it was
 * booked, the site's business day. Fees and penalties are kept in the register but are not 回款.
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
                }),
                // R-FIN-1: a voided receipt counts nowhere (its day is not closed yet: it leaves that day's 回款)
                Projector.of(ReceiptVoided.class, p -> p.dealId() == null
                        ? List.of(new EntryRef(EntryKind.PAYMENT, "payment:" + p.receiptNo()))
                        : List.of(new EntryRef(EntryKind.PAYMENT, "payment:" + p.receiptNo()), new EntryRef(EntryKind.DEAL, p.dealId())),
                        (fact, entries) -> {
                    ReceiptVoided p = fact.payload();
                    entries.change(EntryKind.PAYMENT, "payment:" + p.receiptNo(), p.siteId(), fact, PaymentEntry::voiding);
                    if (p.dealId() != null && (p.kind() == null || collection(p.kind()))) {
                        entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact, deal -> deal.voided("payment:" + p.receiptNo()));
                    }
                }),
                // R-FIN-7: a closed day's receipt reversed by a negative entry booked on a later day — 回款 less on that day
                Projector.of(ReceiptReversed.class, p -> p.dealId() == null
                        ? List.of(new EntryRef(EntryKind.PAYMENT, "payment:" + p.receiptNo()), new EntryRef(EntryKind.PAYMENT, "payment:" + p.reverses()))
                        : List.of(new EntryRef(EntryKind.PAYMENT, "payment:" + p.receiptNo()), new EntryRef(EntryKind.PAYMENT, "payment:" + p.reverses()),
                        new EntryRef(EntryKind.DEAL, p.dealId())), (fact, entries) -> {
                    ReceiptReversed p = fact.payload();
                    LocalDate day = p.businessDay() != null ? p.businessDay() : entries.day(p.siteId(), p.reversedAt());
                    boolean collection = p.kind() != null ? collection(p.kind())
                            : entries.find(EntryKind.PAYMENT, "payment:" + p.reverses()).map(r -> r.kind() == PaymentEntry.Kind.PAYMENT).orElse(true);
                    entries.change(EntryKind.PAYMENT, "payment:" + p.receiptNo(), p.siteId(), fact, payment -> payment.recorded(
                            collection ? PaymentEntry.Kind.PAYMENT : PaymentEntry.Kind.FEE, day, p.reversedAt(), Fen.of(p.amount()), null,
                            p.dealId(), null, p.receiptNo(), null, p.kind()));
                    if (collection && p.dealId() != null) {
                        entries.change(EntryKind.DEAL, p.dealId(), p.siteId(), fact,
                                deal -> deal.paid(new DealEntry.Payment("payment:" + p.receiptNo(), day, Fen.of(p.amount()))));
                    }
                }),
                // R-FIN-4: a refund (or a part of it) paid out with its voucher — money out on the desk's day
                Projector.of(RefundPaid.class, p -> p.dealId() == null
                        ? List.of(new EntryRef(EntryKind.PAYMENT, "voucher:" + p.voucherNo()))
                        : List.of(new EntryRef(EntryKind.PAYMENT, "voucher:" + p.voucherNo()), new EntryRef(EntryKind.DEAL, p.dealId())),
                        (fact, entries) -> {
                    RefundPaid p = fact.payload();
                    LocalDate day = p.businessDay() != null ? p.businessDay() : entries.day(p.siteId(), p.paidAt());
                    refundOut(entries, fact, p.siteId(), p.voucherNo(), p.dealId(), day, p.paidAt(), Fen.of(p.amount()), p.method());
                }),
                // R-FIN-1: a voided voucher paid nothing out
                Projector.of(VoucherVoided.class, p -> p.dealId() == null
                        ? List.of(new EntryRef(EntryKind.PAYMENT, "voucher:" + p.voucherNo()))
                        : List.of(new EntryRef(EntryKind.PAYMENT, "voucher:" + p.voucherNo()), new EntryRef(EntryKind.DEAL, p.dealId())),
                        (fact, entries) -> {
                    VoucherVoided p = fact.payload();
                    PaymentEntry voucher = entries.change(EntryKind.PAYMENT, "voucher:" + p.voucherNo(), p.siteId(), fact, PaymentEntry::voiding);
                    String dealId = p.dealId() != null ? p.dealId() : voucher.dealId();
                    if (dealId != null) {
                        entries.change(EntryKind.DEAL, dealId, p.siteId(), fact, deal -> deal.voided("voucher:" + p.voucherNo()));
                    }
                }),
                // R-FIN-7: a closed day's voucher reversed on a later day — its negative amount out on that day
                Projector.of(VoucherReversed.class, p -> p.dealId() == null
                        ? List.of(new EntryRef(EntryKind.PAYMENT, "voucher:" + p.voucherNo()))
                        : List.of(new EntryRef(EntryKind.PAYMENT, "voucher:" + p.voucherNo()), new EntryRef(EntryKind.DEAL, p.dealId())),
                        (fact, entries) -> {
                    VoucherReversed p = fact.payload();
                    LocalDate day = p.businessDay() != null ? p.businessDay() : entries.day(p.siteId(), p.reversedAt());
                    refundOut(entries, fact, p.siteId(), p.voucherNo(), p.dealId(), day, p.reversedAt(), Fen.of(p.amount()), null);
                }));
    }

    /** Money out by a voucher (negative for a reversing one): on the deal, for its rep, or the site's when it is no deal's. */
    private static void refundOut(Entries entries, Fact<?> fact, String site, String voucherNo, String dealId, LocalDate day,
                                  java.time.Instant at, long fen, String method) {
        entries.change(EntryKind.PAYMENT, "voucher:" + voucherNo, site, fact, payment -> payment.recorded(PaymentEntry.Kind.REFUND_PAID,
                day, at, fen, null, dealId, null, voucherNo, method, null));
        if (dealId != null) {
            entries.change(EntryKind.DEAL, dealId, site, fact, deal -> deal.paid(DealEntry.Payment.refunded("voucher:" + voucherNo, day, fen)));
        }
    }

    /** 回款: what is paid towards the price — the down payment, an instalment, the bank's loan — not a fee or a penalty. */
    static boolean collection(String kind) {
        return "DOWN_PAYMENT".equals(kind) || "INSTALMENT".equals(kind) || "MORTGAGE".equals(kind);
    }
}
