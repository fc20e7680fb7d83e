package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A MANAGER declined a request waiting for approval: a unit change outside the rule (R-DEAL-7) or a
 * refund (R-DEAL-10, the customer stays). Nothing else changed.
 *
 * @param kind UNIT_CHANGE or REFUND
 */
@EventContract(type = "deal.approval-declined", version = 1, topic = Topics.DEAL)
public record ApprovalDeclined(String approvalId, String dealId, String siteId, String unitId, String kind, String reason,
                               String declinedBy, Instant declinedAt) {
}
