package io.anchang.finance.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * A deposit a rep asked the finance desk to take (flow 2), queued until FINANCE confirms it, its
 * deadline passes, or the hold it stands on is released.
 *
 * <p>A confirmation goes QUEUED → CONFIRMING (the payment claimed, in one conditional write that
 * also decides in time or late) → CONFIRMED with its receipt. Money in hand for a request whose
 * deadline passed, or that was cancelled, goes → CONFIRMING (late) → RECORDED_LATE with its receipt
 * and a refund due. The deadline passing unconfirmed makes it LAPSED (R-DEAL-2, R-FIN-2).
 *
 * @param deadline the confirmation's deadline (the hold's expiry, or the small deposit's lapse for an
 *                 upgrade); null when there is none
 * @param payment  the payment claimed for it, once a confirmation began
 */
public record DepositRequest(String requestId, String siteId, String unitId, String unitLabel, String holdId,
                             String customerId, String customerName, String repUserId, String repName, String kind,
                             Money amountDue, Money price, Instant holdExpiresAt, Instant requestedAt, Status status,
                             String receiptNo, Instant deadline, Payment payment) {

    public enum Status { QUEUED, CONFIRMING, CONFIRMED, RECORDED_LATE, CANCELLED, LAPSED }

    /**
     * What FINANCE entered, by whom and when (the server's clock), and whether it came after the
     * deadline (or for a cancelled request): then it records money already in hand and moves nothing.
     */
    public record Payment(Money amount, PaymentMethod method, String reference, boolean cashInHand, String by, String byName,
                          Instant at, Lateness lateness) {

        /** Whether this records money in hand that moves nothing (after the deadline, or for a cancelled request). */
        public boolean late() {
            return lateness != Lateness.IN_TIME;
        }

        /** Whether {@code other} is the same payment entered again — a repeat, not a second payment. */
        public boolean sameAs(Money amount, PaymentMethod method, String reference) {
            return this.amount.compareTo(amount) == 0 && this.method == method
                    && Objects.equals(blankToNull(this.reference), blankToNull(reference));
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.trim();
        }
    }

    /** Whether a confirmation came in time, or why not. */
    public enum Lateness { IN_TIME, DEADLINE_PASSED, REQUEST_CANCELLED }

    /** How late a confirmation at {@code now} comes to this request. */
    public Lateness latenessAt(Instant now) {
        if (status == Status.CANCELLED) {
            return Lateness.REQUEST_CANCELLED;
        }
        return status == Status.QUEUED && !overdueAt(now) ? Lateness.IN_TIME : Lateness.DEADLINE_PASSED;
    }

    /** What FINANCE's confirmation at a moment is. */
    public enum Verdict {
        /** Before the deadline: it takes the money, and the confirmation moves the unit (R-FIN-2). */
        IN_TIME,
        /** After the deadline (or cancelled), the money already in hand: recorded with its receipt and a refund due at once. */
        LATE_CASH_IN_HAND,
        /** The same payment as the one claimed before: answered with the first receipt, nothing recorded twice. */
        REPEAT
    }

    /** The hold's time left at {@code now}, never negative; null when the request has no deadline. */
    public Duration timeLeft(Instant now) {
        if (deadline == null) {
            return null;
        }
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether the deadline passed by {@code now}. */
    public boolean overdueAt(Instant now) {
        return deadline != null && !deadline.isAfter(now);
    }

    /**
     * R-FIN-2, R-DEAL-2: judges FINANCE's confirmation made at {@code now} (the server's clock). A
     * queued request before its deadline is confirmed for exactly the amount due, never more than
     * the price. After the deadline, or for a cancelled request, it is refused — the cashier is told
     * not to take the money — unless the money is in hand ({@code cashInHand}): then it is recorded
     * and refunded. The same payment again is a repeat; another payment on a confirmed request is
     * refused.
     *
     * @param zone the site's time zone, for the deadline in the message
     */
    public Verdict judge(Money amount, PaymentMethod method, String reference, boolean cashInHand, Instant now, ZoneId zone) {
        if (status == Status.CONFIRMING || status == Status.CONFIRMED || status == Status.RECORDED_LATE) {
            if (payment != null && payment.sameAs(amount, method, reference)) {
                return Verdict.REPEAT;
            }
            throw new ProblemException(409, "deposit-already-confirmed", "Conflict", "该定金已确认" + (receiptNo == null ? "" : "，收据号 " + receiptNo)
                    + "，不能再收一笔 (This deposit was confirmed already" + (receiptNo == null ? "" : ": receipt " + receiptNo)
                    + "; a second payment is not taken)", receiptNo == null ? Map.of() : Map.of("receiptNo", receiptNo));
        }
        if (amount.compareTo(price) > 0) {
            throw ProblemException.invalid("deposit-exceeds-price", "定金 " + amount + " 元超过房价 " + price + " 元 (The deposit may not exceed the price)");
        }
        if (amount.compareTo(amountDue) != 0) {
            throw ProblemException.invalid("amount-mismatch", "收款金额 " + amount + " 元与应收定金 " + amountDue
                    + " 元不符 (The amount must be the deposit due: " + amountDue + ")");
        }
        if (status == Status.QUEUED && !overdueAt(now)) {
            return Verdict.IN_TIME;
        }
        if (cashInHand) {
            return Verdict.LATE_CASH_IN_HAND;
        }
        if (status == Status.CANCELLED) {
            throw new ProblemException(409, "deposit-request-cancelled", "Conflict", "房源 " + unitLabel
                    + " 的保留已释放，此定金申请已取消，请勿收款；如已收取现金，请勾选“已收现金”登记，系统将同时生成退款 (The hold of unit "
                    + unitLabel + " was released; this request is cancelled: take no money. If the money is already in hand, confirm with cashInHand: it is recorded and refunded)",
                    Map.of("takeNoMoney", true));
        }
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone).format(deadline);
        throw new ProblemException(409, "deposit-deadline-passed", "Conflict", "房源 " + unitLabel + " 的保留已于 " + at
                + " 到期，定金不能再确认，请勿收款；如已收取现金，请勾选“已收现金”登记，系统将同时生成退款 (The hold of unit " + unitLabel
                + " ran out at " + deadline + "; take no money. If the money is already in hand, confirm with cashInHand: it is recorded and refunded)",
                Map.of("deadline", deadline.toString(), "takeNoMoney", true));
    }
}
