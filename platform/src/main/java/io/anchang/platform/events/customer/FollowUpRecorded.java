package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * The rep who holds the credit followed a customer up (R-ATT-12, R-CUS-1).
 *
 * @param number the follow-up's number within the customer, from 1
 * @param method how, e.g. 电话 (phone call)
 */
@EventContract(type = "customer.follow-up-recorded", version = 1, topic = Topics.CUSTOMER)
public record FollowUpRecorded(String customerId, String siteId, String archiveNo, int number, String rep, String method,
                               String note, Instant at) {
}
