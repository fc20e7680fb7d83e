package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A confirmed deposit arrived for a hold that is no longer there (it lapsed or was released
 * first): the unit does not move, and finance-service opens a refund-due item so the money
 * does not vanish (flow 2).
 */
@EventContract(type = "deal.deposit-rejected", version = 1, topic = Topics.DEAL)
public record DepositRejected(String requestId, String siteId, String unitId, String unitLabel, String receiptNo,
                              BigDecimal amount, String reason, Instant rejectedAt) {
}
