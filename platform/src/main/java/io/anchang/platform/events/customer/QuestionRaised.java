package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A rep flagged a customer's objection (抗性) or a question they could not answer for the MANAGER (R-CUS-5; policy
 * 四3, 二5(4)), or the MANAGER answered it.
 *
 * @param kind   OBJECTION or QUESTION
 * @param status OPEN or ANSWERED
 */
@EventContract(type = "customer.question-raised", version = 1, topic = Topics.CUSTOMER)
public record QuestionRaised(String questionId, String siteId, String customerId, String archiveNo, String kind, String status,
                             String raisedBy, String answeredBy, Instant at) {
}
