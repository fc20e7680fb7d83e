package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/** The customer complained about their owner and refused them; the serving rep told the SUPERVISOR and the owner (R-ATT-6). */
@EventContract(type = "customer.complaint-lodged", version = 1, topic = Topics.CUSTOMER)
public record ComplaintLodged(String complaintId, String siteId, String customerId, String archiveNo, String against,
                              String lodgedBy, String text, Instant at) {
}
