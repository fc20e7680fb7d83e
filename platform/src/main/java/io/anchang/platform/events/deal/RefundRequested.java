package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * R-DEAL-10: before the contract, a customer asks to give the unit back; the rep recorded the retention
 * talk (做客户工作) and the request waits for a MANAGER's approval.
 */
@EventContract(type = "deal.refund-requested", version = 1, topic = Topics.DEAL)
public record RefundRequested(String approvalId, String dealId, String siteId, String unitId, String unitLabel,
                              BigDecimal paid, String retentionTalk, String reason, String requestedBy, Instant requestedAt) {
}
