package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * R-DEAL-7: a unit change that the rule (larger, lower grade or dearer) does not let through waits for
 * a MANAGER's approval with a reason.
 */
@EventContract(type = "deal.unit-change-requested", version = 1, topic = Topics.DEAL)
public record UnitChangeRequested(String approvalId, String dealId, String siteId, String unitId, String unitLabel,
                                  String toUnitId, String toUnitLabel, String reason, String requestedBy, Instant requestedAt) {
}
