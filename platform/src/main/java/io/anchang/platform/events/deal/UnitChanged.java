package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * R-DEAL-7: the deal moved to another unit with its paid deposits; the old unit is AVAILABLE again
 * ({@code deal.unit-released}, reason UNIT_CHANGED) and the new one carries the sale (a big deposit's
 * agreement is voided and issued again for the new unit, R-DEAL-5).
 *
 * @param rule       LARGER, LOWER_GRADE or DEARER (以小换大、以好换差、以金额小换金额大), or MANAGER_APPROVED
 * @param approvedBy the MANAGER who approved a change outside the rule, else null
 */
@EventContract(type = "deal.unit-changed", version = 1, topic = Topics.DEAL)
public record UnitChanged(String changeId, String dealId, String siteId, String fromUnitId, String fromUnitLabel,
                          String toUnitId, String toUnitLabel, String status, String rule, String approvedBy, String reason,
                          BigDecimal oldPrice, BigDecimal newPrice, BigDecimal deposits, String customerId, String repUserId,
                          Instant changedAt) {
}
