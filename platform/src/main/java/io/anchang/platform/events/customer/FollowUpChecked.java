package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A SUPERVISOR checked a customer's follow-up (R-ATT-12); where the site renews claims by
 * checked follow-ups (R-ATT-2 CHECKED_FOLLOW_UP), the rep's protection runs from {@code at}.
 *
 * @param number    the follow-up checked
 * @param rep       the rep who followed up
 * @param checkedBy the SUPERVISOR
 */
@EventContract(type = "customer.follow-up-checked", version = 1, topic = Topics.CUSTOMER)
public record FollowUpChecked(String customerId, String siteId, String archiveNo, int number, String rep, String checkedBy,
                              Instant at) {
}
