package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * customer-service's answer to {@code deal.big-deposit-signed} (R-ATT-17): the credit and
 * bonus shares valid when the big deposit was signed. deal-service keeps them on the deal;
 * they are provisional until the contract, final at it, reversed on refund or breach.
 *
 * @param shares              credit fractions summing to 1 and bonus percents summing to 100
 * @param ruleId              the rule the shares come from (R-ATT-4 … R-ATT-11)
 * @param needsManagerRuling  several visits made arrangements: the latest proposes, the MANAGER confirms or rules (R-ATT-16)
 */
@EventContract(type = "customer.deal-credit-fixed", version = 1, topic = Topics.CUSTOMER)
public record DealCreditFixed(String dealId, String siteId, String customerId, List<Share> shares, String ruleId,
                              String explanation, boolean needsManagerRuling, Instant validAt) {

    /** One rep's part of a deal: credit as a fraction of the sale (0.5 套), bonus in percent. */
    public record Share(String userId, BigDecimal credit, int bonusPercent) {
    }
}
