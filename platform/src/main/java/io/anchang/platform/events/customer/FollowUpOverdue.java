package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The next follow-up the tracking form set for a class A or B customer is past its day and nobody followed up (R-CUS-5):
 * the SUPERVISOR sees it among the rep's overdue follow-ups. Announced once per follow-up.
 *
 * @param number  the follow-up that set the day
 * @param dueOn   the day the next follow-up was due
 */
@EventContract(type = "customer.follow-up-overdue", version = 1, topic = Topics.CUSTOMER)
public record FollowUpOverdue(String customerId, String siteId, String archiveNo, String intentClass, String rep, int number,
                              LocalDate dueOn, Instant at) {
}
