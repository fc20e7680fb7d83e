package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-FIN-4: FINANCE paid (part of) a refund due out, with a payment voucher (付款凭证) numbered gap-free per site
 * and year (FK-SH01-2026-000001). One event per payout: a refund paid in parts announces each part.
 *
 * @param amount       what this payout paid
 * @param dealId       the deal the refund is of, when it is a deal's (R-DEAL-10, R-DEAL-9), else null
 * @param requestId    the request id FINANCE sent with the payout (its retries are this payout), else null
 * @param refundAmount what the refund due is in all; {@code paidSoFar}: what its payouts that count have paid with this one;
 *                     {@code remaining}: what is still owed; {@code settled}: nothing remains (null in events before payouts in parts)
 */
@EventContract(type = "finance.refund-paid", version = 1, topic = Topics.FINANCE)
public record RefundPaid(String voucherNo, String siteId, String refundId, String unitId, String reason, BigDecimal amount,
                         String method, String reference, String payee, String paidBy, Instant paidAt, LocalDate businessDay,
                         String dealId, String requestId, BigDecimal refundAmount, BigDecimal paidSoFar, BigDecimal remaining,
                         Boolean settled) {
}
