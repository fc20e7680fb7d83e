package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * R-DEAL-8: after the contract a name change is a transfer: the transfer fee is due at the finance desk
 * (finance-service opens it, R-FIN-4) and the change takes effect once FINANCE has recorded it. The new
 * buyer's phone travels masked (R-SEC-3).
 */
@EventContract(type = "deal.name-change-requested", version = 1, topic = Topics.DEAL)
public record NameChangeRequested(String nameChangeId, String dealId, String siteId, String unitId, String unitLabel,
                                  String fromName, String toName, String toPhoneMasked, BigDecimal fee, String requestedBy,
                                  Instant requestedAt) {
}
