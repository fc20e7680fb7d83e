package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/** A complaint or suggestion was tracked to its resolution (R-CUS-9); reports count them and the time they took. */
@EventContract(type = "customer.feedback-resolved", version = 1, topic = Topics.CUSTOMER)
public record FeedbackResolved(String feedbackId, String siteId, String customerId, String archiveNo, String kind,
                               String channel, String resolution, String resolvedBy, Instant receivedAt, Instant resolvedAt) {
}
