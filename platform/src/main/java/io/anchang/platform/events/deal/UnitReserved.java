package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/** SALES_CONTROL took an available unit off sale (R-DEAL-1, RESERVED). */
@EventContract(type = "deal.unit-reserved", version = 1, topic = Topics.DEAL)
public record UnitReserved(String unitId, String siteId, String unitLabel, String reservedBy, String reason,
                           Instant reservedAt) {
}
