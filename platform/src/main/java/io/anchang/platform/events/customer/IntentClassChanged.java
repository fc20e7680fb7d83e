package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A rep (re)classified a customer's intent (R-CUS-2): A strongest, then B, C, D.
 *
 * @param from the class before, or null for the first classification
 */
@EventContract(type = "customer.class-changed", version = 1, topic = Topics.CUSTOMER)
public record IntentClassChanged(String customerId, String siteId, String archiveNo, String from, String to, String owner,
                                 String reason, String by, Instant at) {
}
