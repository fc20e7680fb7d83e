package io.anchang.finance.domain;

import io.anchang.platform.money.Money;

import java.time.Instant;

/**
 * Money the desk owes back (R-FIN-4): a deposit the deal could not accept, money taken after a deadline, a
 * small deposit that lapsed (R-DEAL-3), a refund a MANAGER approved (R-DEAL-10) or a cancellation for breach
 * (R-DEAL-9). OPEN until FINANCE pays it out with a voucher (PAYING while the voucher is written, then PAID).
 *
 * @param voucherNo the voucher that paid it out, once paid
 */
public record RefundDue(String refundId, String siteId, String requestId, String unitId, String unitLabel, String receiptNo,
                        Money amount, String reason, Instant openedAt, String status, String dealId, Payout payout, String voucherNo) {

    public RefundDue(String refundId, String siteId, String requestId, String unitId, String unitLabel, String receiptNo,
                     Money amount, String reason, Instant openedAt, String status) {
        this(refundId, siteId, requestId, unitId, unitLabel, receiptNo, amount, reason, openedAt, status, null, null, null);
    }

    /** How FINANCE pays it out: method, reference, to whom, by whom, when (the server's clock). */
    public record Payout(PaymentMethod method, String reference, String payee, String by, String byName, Instant at) {
    }
}
