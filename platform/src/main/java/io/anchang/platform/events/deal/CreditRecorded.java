package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The deal keeps the credit and bonus shares that customer-service fixed when the big
 * deposit was signed (R-ATT-17, R-DEAL-11), provisional until the contract.
 */
@EventContract(type = "deal.credit-recorded", version = 1, topic = Topics.DEAL)
public record CreditRecorded(String dealId, String siteId, String unitId, List<Share> shares, String ruleId,
                             boolean needsManagerRuling, boolean provisional, Instant validAt) {

    /** One rep's part: credit as a fraction of the sale, bonus in percent. */
    public record Share(String userId, BigDecimal credit, int bonusPercent) {
    }
}
