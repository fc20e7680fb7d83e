package io.anchang.reporting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Money through the finance desk, one entry per receipt or voucher: a deposit FINANCE confirmed (R-FIN-2) or a term of
 * the contract paid (R-FIN-3) — counted as collected (回款) with its deal ({@link DealEntry#paid}) — a refund owed or
 * paid out (R-FIN-4), and the reversing entries of a closed day (R-FIN-7, negative amounts on their own day). A receipt or
 * voucher voided (R-FIN-1) is kept {@code voided} and counts nowhere; a void told before its payment stays voided.
 */
public record PaymentEntry(String id, String siteId, Kind kind, LocalDate day, Instant at, long amountFen, String rep,
                           String dealId, String unitLabel, String receiptNo, String method, String depositKind,
                           boolean voided, Seen seen) implements Entry {

    /**
     * What the money was. LATE: money FINANCE had in hand for a request whose deadline had passed, recorded with a
     * refund due at once (R-DEAL-2, R-FIN-2) — kept in the register, never counted as collected. PAYMENT: a term of the
     * contract (R-FIN-3). FEE: a transfer fee or a penalty (R-FIN-4), kept, not 回款. REFUND_PAID: a payout of a refund
     * with its voucher (R-FIN-4), money out.
     */
    public enum Kind { DEPOSIT, PAYMENT, REFUND_DUE, REFUND_PAID, LATE, FEE }

    public static PaymentEntry empty(String id, String siteId) {
        return new PaymentEntry(id, siteId, null, null, null, 0, null, null, null, null, null, null, false, Seen.NONE);
    }

    public PaymentEntry recorded(Kind kind, LocalDate day, Instant at, long amountFen, String rep, String dealId, String unitLabel,
                                 String receiptNo, String method, String depositKind) {
        return new PaymentEntry(id, siteId, kind, day, at, amountFen, rep, dealId, unitLabel, receiptNo, method, depositKind, voided, seen);
    }

    /** R-FIN-1: the receipt or voucher was voided; it stays, counting nowhere. */
    public PaymentEntry voiding() {
        return new PaymentEntry(id, siteId, kind, day, at, amountFen, rep, dealId, unitLabel, receiptNo, method, depositKind, true, seen);
    }

    @Override
    public PaymentEntry seeing(String eventId) {
        return new PaymentEntry(id, siteId, kind, day, at, amountFen, rep, dealId, unitLabel, receiptNo, method, depositKind, voided,
                seen.plus(eventId));
    }

    @Override
    public List<Contribution> contributions() {
        if (kind == null || day == null || voided || kind == Kind.LATE || kind == Kind.FEE
                || ((kind == Kind.DEPOSIT || kind == Kind.PAYMENT || kind == Kind.REFUND_PAID) && dealId != null)) {
            // money of a deal is counted with its deal (DealEntry#paid), for the deal's rep
            return List.of();
        }
        Metric metric = switch (kind) {
            case DEPOSIT, PAYMENT, LATE, FEE -> Metric.COLLECTED_FEN;
            case REFUND_DUE -> Metric.REFUND_DUE_FEN;
            case REFUND_PAID -> Metric.REFUNDED_FEN;
        };
        return List.of(Contribution.on(siteId, day, Tally.of(metric, amountFen), Axis.REP, rep == null ? Axis.NO_REP : rep));
    }
}
