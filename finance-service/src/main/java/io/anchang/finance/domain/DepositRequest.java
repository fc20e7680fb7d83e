package io.anchang.finance.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;

/**
 * A deposit a rep asked the finance desk to take (flow 2), queued until FINANCE confirms it
 * or the hold it stands on is released.
 */
public record DepositRequest(String requestId, String siteId, String unitId, String unitLabel, String holdId,
                             String customerId, String customerName, String repUserId, String repName, String kind,
                             Money amountDue, Money price, Instant holdExpiresAt, Instant requestedAt, Status status,
                             String receiptNo) {

    public enum Status { QUEUED, CONFIRMED, CANCELLED }

    /** The hold's time left at {@code now}, never negative; null when the request stands on a small deposit. */
    public Duration timeLeft(Instant now) {
        if (holdExpiresAt == null) {
            return null;
        }
        Duration left = Duration.between(now, holdExpiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * R-FIN-2: what FINANCE may confirm — a queued request, for exactly the amount due, which
     * never exceeds the price. A confirmed request is not confirmed again; a cancelled one (the
     * hold was released) takes no money.
     */
    public void checkConfirmable(Money amount) {
        if (status == Status.CONFIRMED) {
            throw ProblemException.conflict("deposit-already-confirmed", "该定金已确认，收据号 " + receiptNo
                    + " (This deposit was confirmed already: receipt " + receiptNo + ")");
        }
        if (status == Status.CANCELLED) {
            throw ProblemException.conflict("deposit-request-cancelled", "房源 " + unitLabel + " 的保留已释放，此定金申请已取消，请勿收款 (The hold of unit "
                    + unitLabel + " was released; this request is cancelled, take no money)");
        }
        if (amount.compareTo(price) > 0) {
            throw ProblemException.invalid("deposit-exceeds-price", "定金 " + amount + " 元超过房价 " + price + " 元 (The deposit may not exceed the price)");
        }
        if (amount.compareTo(amountDue) != 0) {
            throw ProblemException.invalid("amount-mismatch", "收款金额 " + amount + " 元与应收定金 " + amountDue
                    + " 元不符 (The amount must be the deposit due: " + amountDue + ")");
        }
    }
}
