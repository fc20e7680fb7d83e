package io.anchang.reporting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Money through the finance desk: a deposit FINANCE confirmed (R-FIN-2) — counted as collected
 * (回款) with its deal ({@link DealEntry#paid}) — or a refund owed (R-FIN-4). Later payments
 * (instalments, refunds paid) are entries of the same kind.
 */
public record PaymentEntry(String id, String siteId, Kind kind, LocalDate day, Instant at, long amountFen, String rep,
                           String dealId, String unitLabel, String receiptNo, String method, String depositKind,
                           Seen seen) implements Entry {

    /**
     * What the money was. LATE: money FINANCE had in hand for a request whose deadline had passed, recorded with a
     * refund due at once (R-DEAL-2, R-FIN-2) — kept in the register, never counted as collected. PAYMENT: a term of the
     * contract (R-FIN-3). FEE: a transfer fee or a penalty (R-FIN-4), kept, not 回款.
     */
    public enum Kind { DEPOSIT, PAYMENT, REFUND_DUE, REFUND_PAID, LATE, FEE }

    public static PaymentEntry empty(String id, String siteId) {
        return new PaymentEntry(id, siteId, null, null, null, 0, null, null, null, null, null, null, Seen.NONE);
    }

    public PaymentEntry recorded(Kind kind, LocalDate day, Instant at, long amountFen, String rep, String dealId, String unitLabel,
                                 String receiptNo, String method, String depositKind) {
        return new PaymentEntry(id, siteId, kind, day, at, amountFen, rep, dealId, unitLabel, receiptNo, method, depositKind, seen);
    }

    @Override
    public PaymentEntry seeing(String eventId) {
        return new PaymentEntry(id, siteId, kind, day, at, amountFen, rep, dealId, unitLabel, receiptNo, method, depositKind,
                seen.plus(eventId));
    }

    @Override
    public List<Contribution> contributions() {
        if (kind == null || day == null || kind == Kind.LATE || kind == Kind.FEE
                || ((kind == Kind.DEPOSIT || kind == Kind.PAYMENT) && dealId != null)) {
            // a deposit or payment of a deal is counted with its deal (DealEntry#paid), for the deal's rep
            return List.of();
        }
        Metric metric = switch (kind) {
            case DEPOSIT, PAYMENT -> Metric.COLLECTED_FEN;
            case REFUND_DUE -> Metric.REFUND_DUE_FEN;
            case REFUND_PAID, LATE, FEE -> Metric.COLLECTED_FEN;
        };
        long amount = kind == Kind.REFUND_PAID ? -amountFen : amountFen;
        return List.of(Contribution.on(siteId, day, Tally.of(metric, amount), Axis.REP, rep == null ? Axis.NO_REP : rep));
    }
}
