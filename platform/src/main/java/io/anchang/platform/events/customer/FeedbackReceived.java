package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A complaint or a suggestion came in by phone, in writing or in person (投诉和建议, R-CUS-9).
 *
 * @param kind    COMPLAINT or SUGGESTION
 * @param channel PHONE, LETTER or IN_PERSON
 */
@EventContract(type = "customer.feedback-received", version = 1, topic = Topics.CUSTOMER)
public record FeedbackReceived(String feedbackId, String siteId, String customerId, String archiveNo, String kind,
                               String channel, String subject, String receivedBy, String assignedTo, Instant at) {
}
