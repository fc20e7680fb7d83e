package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A satisfaction survey of a customer or an owner, by letter or phone, with its scores (R-CUS-10).
 *
 * @param audience CUSTOMER or OWNER
 * @param scores   1 to 5 per topic: PROPERTY, SERVICE, CONSTRUCTION, OVERALL
 * @param average  the mean of the scores, 2 decimals
 */
@EventContract(type = "customer.survey-scored", version = 1, topic = Topics.CUSTOMER)
public record SurveyScored(String surveyId, String siteId, String customerId, String archiveNo, String audience, String channel,
                           Map<String, Integer> scores, BigDecimal average, String surveyedBy, Instant at) {
}
