package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.util.List;

/** A rep brought a dispute over a customer (客户交叉, R-ATT-16) before the MANAGER, naming the reps at odds and why. */
@EventContract(type = "customer.dispute-opened", version = 1, topic = Topics.CUSTOMER)
public record DisputeOpened(String disputeId, String siteId, String customerId, String archiveNo, List<String> parties,
                            String openedBy, String reason, Instant at) {
}
