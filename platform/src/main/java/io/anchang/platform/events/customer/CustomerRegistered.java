package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A customer entered the site's archive (R-CUS-2, R-CUS-3). Personal data leaves
 * customer-service only masked (R-SEC-3).
 *
 * @param ownerRep the rep whose claim the first registration gave (R-ATT-1), or null
 * @param source   CALL, VISIT, LEAD_LIST, REFERRAL or EVENT
 */
@EventContract(type = "customer.registered", version = 1, topic = Topics.CUSTOMER)
public record CustomerRegistered(String customerId, String siteId, String archiveNo, String name, String phoneMasked,
                                 String source, String ownerRep, Instant registeredAt) {
}
