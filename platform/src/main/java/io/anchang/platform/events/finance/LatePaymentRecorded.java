package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * R-DEAL-2, R-FIN-2: money FINANCE already had in hand for a deposit request whose deadline had
 * passed (or that was cancelled) was recorded with its receipt (R-FIN-1) — and does not move the
 * unit: a refund is due at once ({@code finance.refund-due-opened}). Never a sale of a unit that
 * went to someone else.
 *
 * @param deadline the request's deadline that had passed, or null when the request was cancelled
 */
@EventContract(type = "finance.late-payment-recorded", version = 1, topic = Topics.FINANCE)
public record LatePaymentRecorded(String requestId, String siteId, String unitId, String receiptNo, BigDecimal amount,
                                  String method, String reference, String recordedBy, Instant recordedAt, Instant deadline) {
}
