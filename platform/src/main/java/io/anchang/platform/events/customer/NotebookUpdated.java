package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/** The rep wrote a customer's notebook (R-CUS-4); the payload says which parts it holds, not what they say. */
@EventContract(type = "customer.notebook-updated", version = 1, topic = Topics.CUSTOMER)
public record NotebookUpdated(String customerId, String siteId, String archiveNo, boolean background, boolean suggestions,
                              boolean reasonsNotBuying, boolean refundReasons, String by, Instant at) {
}
