package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The MANAGER's list of customers to call on a day for one purpose changed (R-OPS-4): customers added, or a call made.
 *
 * @param purpose INVITATION, SIGNING or PAYMENT
 * @param change  ADDED or CALLED
 */
@EventContract(type = "customer.call-list-changed", version = 1, topic = Topics.CUSTOMER)
public record CallListChanged(String listId, String siteId, LocalDate day, String purpose, String change, int entries, int called,
                              String by, Instant at) {
}
