package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A unit is available again (R-DEAL-1): a hold lapsed or was given up, a small deposit
 * lapsed (R-DEAL-3), or SALES_CONTROL ended a reservation. finance-service cancels a
 * deposit request still queued for the hold.
 *
 * @param holdId the hold that ended, or null when a reservation ended
 * @param reason HOLD_LAPSED, HOLD_RELEASED, SMALL_DEPOSIT_LAPSED, RESERVATION_ENDED, UNIT_CHANGED (R-DEAL-7),
 *               REFUNDED (R-DEAL-10) or BREACH_CANCELLED (R-DEAL-9)
 */
@EventContract(type = "deal.unit-released", version = 1, topic = Topics.DEAL)
public record UnitReleased(String unitId, String siteId, String unitLabel, String holdId, String reason,
                           String releasedBy, Instant releasedAt) {
}
