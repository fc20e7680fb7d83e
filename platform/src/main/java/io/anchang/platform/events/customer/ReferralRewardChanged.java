package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A referral's reward moved on (R-CUS-12 addition): proposed, approved by the MANAGER, given (a gift) or paid (cash,
 * by FINANCE only — R-SEC-2), or declined.
 *
 * @param amount a cash reward in yuan, scale 2; null for a gift
 */
@EventContract(type = "customer.referral-reward-changed", version = 1, topic = Topics.CUSTOMER)
public record ReferralRewardChanged(String referralId, String siteId, String referrerId, String rewardKind, String description,
                                    BigDecimal amount, String state, String by, Instant at) {
}
