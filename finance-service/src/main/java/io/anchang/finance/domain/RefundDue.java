package io.anchang.finance.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Money the desk owes back (R-FIN-4): a deposit the deal could not accept, money taken after a deadline, a
 * small deposit that lapsed (R-DEAL-3), a refund a MANAGER approved (R-DEAL-10) or a cancellation for breach
 * (R-DEAL-9). FINANCE pays it out in one go or in parts, each payout with its own voucher; OPEN while anything
 * remains, PAID once the payouts that count add up to it. A voided or reversed voucher's payout no longer counts:
 * what it paid is owed again. Every change is conditional on {@code version}.
 *
 * @param payouts what was paid out against it, each by its payout id (derived from the request id FINANCE sent)
 */
public record RefundDue(String refundId, String siteId, String requestId, String unitId, String unitLabel, String receiptNo,
                        Money amount, String reason, Instant openedAt, String status, String dealId, List<Payout> payouts,
                        long version) {

    public static final String OPEN = "OPEN";
    public static final String PAID = "PAID";

    public RefundDue {
        payouts = payouts == null ? List.of() : List.copyOf(payouts);
    }

    public RefundDue(String refundId, String siteId, String requestId, String unitId, String unitLabel, String receiptNo,
                     Money amount, String reason, Instant openedAt, String status) {
        this(refundId, siteId, requestId, unitId, unitLabel, receiptNo, amount, reason, openedAt, status, null, List.of(), 0);
    }

    /**
     * One payout: the request id FINANCE sent with it (null when none was), how much, how the money went out and to whom, by whom, when (the server's clock) and on which desk day;
     * its voucher once issued; {@code undone} once that voucher was voided or reversed.
     */
    public record Payout(String payoutId, String requestId, Money amount, PaymentMethod method, String reference, String payee, String by, String byName,
                         Instant at, LocalDate businessDay, String voucherNo, boolean undone) {

        /**
         * R-FIN-4, R-SEC-2: whether a payout sent again with this payout's request id asks for the same one — method,
         * reference, payee, cashier, and the amount when one is given (without one it asked for all that remained, which this
         * payout paid). Another one reuses the id for a different payout: refused, never answered with this voucher.
         */
        public boolean asks(Money amount, PaymentMethod method, String reference, String payee, String by) {
            return (amount == null || this.amount.compareTo(amount) == 0) && this.method == method
                    && java.util.Objects.equals(blankToNull(this.reference), blankToNull(reference))
                    && java.util.Objects.equals(blankToNull(this.payee), blankToNull(payee))
                    && (this.by == null || this.by.equals(by));
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.trim();
        }
    }

    /** What the payouts that count have paid out so far. */
    public Money paid() {
        return payouts.stream().filter(p -> !p.undone()).map(Payout::amount).reduce(Money.ZERO, Money::plus);
    }

    /** What is still owed. */
    public Money remaining() {
        return amount.minus(paid());
    }

    public Optional<Payout> payout(String payoutId) {
        return payouts.stream().filter(p -> p.payoutId().equals(payoutId)).findFirst();
    }

    /** The voucher of the last payout that counts (the one that settled it, once PAID). */
    public String voucherNo() {
        return payouts.stream().filter(p -> !p.undone() && p.voucherNo() != null).reduce((a, b) -> b).map(Payout::voucherNo).orElse(null);
    }

    /** The last payout that counts, if any. */
    public Optional<Payout> lastPayout() {
        return payouts.stream().filter(p -> !p.undone()).reduce((a, b) -> b);
    }

    /**
     * R-FIN-4, R-DEAL-10: FINANCE pays {@code payout} out of this refund: never more than what remains (400, nothing
     * changed), never on one paid in full. PAID when nothing remains.
     */
    public RefundDue pay(Payout payout) {
        if (PAID.equals(status) || !remaining().isPositive()) {
            throw ProblemException.conflict("refund-paid", "该退款已全部付讫 (This refund is paid out in full)");
        }
        if (!OPEN.equals(status)) {
            throw ProblemException.conflict("refund-not-open", "该退款状态为 " + status + " (This refund is " + status + ")");
        }
        if (payout.amount().compareTo(remaining()) > 0) {
            throw new ProblemException(400, "payout-exceeds-refund", "Invalid request", "付款 " + payout.amount() + " 元超过尚未退还的 "
                    + remaining() + " 元 (The payout may not exceed what remains to be refunded: " + remaining() + ")",
                    Map.of("remaining", remaining().toString()));
        }
        List<Payout> next = new ArrayList<>(payouts);
        next.add(payout);
        RefundDue after = with(status, next);
        return after.remaining().isPositive() ? after : after.with(PAID, next);
    }

    /** The payout {@code payoutId} got its voucher. */
    public RefundDue vouchered(String payoutId, String voucherNo) {
        return with(status, payouts.stream().map(p -> p.payoutId().equals(payoutId) ? new Payout(p.payoutId(), p.requestId(), p.amount(), p.method(),
                p.reference(), p.payee(), p.by(), p.byName(), p.at(), p.businessDay(), voucherNo, p.undone()) : p).toList());
    }

    /**
     * R-FIN-1, R-FIN-7: the voucher {@code voucherNo} was voided or reversed: its payout no longer counts and what it paid
     * is owed again. Empty when that was done already (or the voucher paid nothing here).
     */
    public Optional<RefundDue> undo(String voucherNo) {
        Optional<Payout> paid = payouts.stream().filter(p -> voucherNo.equals(p.voucherNo()) && !p.undone()).findFirst();
        if (paid.isEmpty()) {
            return Optional.empty();
        }
        List<Payout> next = payouts.stream().map(p -> p == paid.get() ? new Payout(p.payoutId(), p.requestId(), p.amount(), p.method(), p.reference(),
                p.payee(), p.by(), p.byName(), p.at(), p.businessDay(), p.voucherNo(), true) : p).toList();
        return Optional.of(with(PAID.equals(status) ? OPEN : status, next));
    }

    /** The same refund at the next version (as the store holds it after a write). */
    public RefundDue next() {
        return new RefundDue(refundId, siteId, requestId, unitId, unitLabel, receiptNo, amount, reason, openedAt, status, dealId, payouts,
                version + 1);
    }

    private RefundDue with(String nextStatus, List<Payout> nextPayouts) {
        return new RefundDue(refundId, siteId, requestId, unitId, unitLabel, receiptNo, amount, reason, openedAt, nextStatus, dealId,
                nextPayouts, version);
    }
}
