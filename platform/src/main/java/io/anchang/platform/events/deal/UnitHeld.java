package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A rep held an available unit for a customer of theirs (R-DEAL-2); it is released at
 * {@code expiresAt} unless the finance desk confirms a deposit first.
 */
@EventContract(type = "deal.unit-held", version = 1, topic = Topics.DEAL)
public record UnitHeld(String unitId, String siteId, String unitLabel, String holdId, String customerId,
                       String repUserId, String repName, Instant heldAt, Instant expiresAt) {
}
