package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/** Money was taken for a deposit the deal could not accept: FINANCE owes it back (R-FIN-4). */
@EventContract(type = "finance.refund-due-opened", version = 1, topic = Topics.FINANCE)
public record RefundDueOpened(String refundId, String siteId, String requestId, String unitId, String receiptNo,
                              BigDecimal amount, String reason, Instant openedAt) {
}
