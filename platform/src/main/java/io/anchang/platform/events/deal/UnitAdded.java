package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A unit was added to a building's inventory (R-DEAL-1), AVAILABLE at its list price:
 * entered by hand, or one row of an imported price list. One event per unit, written with
 * the unit's own document, so no unit exists without its entry on the audit trail.
 *
 * @param source   {@code HAND} (entered one by one) or {@code PRICE_LIST}
 * @param importId the price-list import the unit came with (all its units carry the same id); null for a unit entered by hand
 * @param imported how many units that import added (1 for a unit entered by hand)
 */
@EventContract(type = "deal.unit-added", version = 1, topic = Topics.DEAL)
public record UnitAdded(String unitId, String siteId, String unitLabel, String buildingCode, String number, int floor,
                        String layout, BigDecimal area, BigDecimal listPrice, String orientation, String grade,
                        String source, String importId, int imported, String addedBy, Instant addedAt) {
}
