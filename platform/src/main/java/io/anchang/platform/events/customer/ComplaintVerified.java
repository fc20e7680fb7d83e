package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A SUPERVISOR checked a complaint (R-ATT-6): verified, the owner complained about lost every
 * claim on the customer; rejected, R-ATT-5's split applies.
 */
@EventContract(type = "customer.complaint-verified", version = 1, topic = Topics.CUSTOMER)
public record ComplaintVerified(String complaintId, String siteId, String customerId, String archiveNo, String against,
                                String lodgedBy, boolean verified, String verifiedBy, String note, Instant at) {
}
