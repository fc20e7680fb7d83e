package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/** A complaint or suggestion was handed to someone or moved on, short of its resolution (R-CUS-9). */
@EventContract(type = "customer.feedback-progressed", version = 1, topic = Topics.CUSTOMER)
public record FeedbackProgressed(String feedbackId, String siteId, String kind, String status, String assignedTo,
                                 String note, String by, Instant at) {
}
