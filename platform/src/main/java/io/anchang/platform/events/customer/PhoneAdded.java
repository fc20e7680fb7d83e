package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.util.List;

/**
 * A phone was added to a customer (R-CUS-3): it identifies the customer within the site from
 * now on. Phones leave customer-service only masked (R-SEC-3).
 *
 * @param phoneMasked  the phone added
 * @param phonesMasked every phone of the customer after the addition
 * @param addedBy      the owner rep, SUPERVISOR or MANAGER who added it
 */
@EventContract(type = "customer.phone-added", version = 1, topic = Topics.CUSTOMER)
public record PhoneAdded(String customerId, String siteId, String archiveNo, String phoneMasked, List<String> phonesMasked,
                         String addedBy, Instant at) {
}
