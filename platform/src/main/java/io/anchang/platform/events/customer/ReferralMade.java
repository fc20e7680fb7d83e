package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * Who referred whom (老带新, R-CUS-12), or two customers introduced to each other for business (交叉合作).
 *
 * @param kind REFERRAL or CROSS_INTRODUCTION
 */
@EventContract(type = "customer.referral-made", version = 1, topic = Topics.CUSTOMER)
public record ReferralMade(String referralId, String siteId, String kind, String referrerId, String referrerArchiveNo,
                           String referredId, String referredArchiveNo, String recordedBy, Instant at) {
}
