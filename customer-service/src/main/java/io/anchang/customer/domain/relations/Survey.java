package io.anchang.customer.domain.relations;

import io.anchang.platform.problem.ProblemException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A satisfaction survey (满意度调查, R-CUS-10; 制度2 二6) of a customer or an owner, by letter or phone: how satisfied
 * they are with the property and the service, each scored 1 (very dissatisfied) to 5 (very satisfied), and what they said.
 */
public record Survey(String id, String siteId, String customerId, String archiveNo, Audience audience, Channel channel,
                     Map<Topic, Integer> scores, String comments, String surveyedBy, Instant at) {

    public Survey {
        scores = Map.copyOf(scores);
    }

    public enum Audience { CUSTOMER, OWNER }

    public enum Channel { LETTER, PHONE }

    /** What is scored: the property (楼盘), the service (服务), construction quality (工程质量), overall (总体). */
    public enum Topic { PROPERTY, SERVICE, CONSTRUCTION, OVERALL }

    public static Survey score(String id, String siteId, String customerId, String archiveNo, Audience audience, Channel channel,
                               Map<Topic, Integer> scores, String comments, String by, Instant at) {
        if (audience == null || channel == null) {
            throw ProblemException.invalid("survey-invalid", "请注明调查对象（客户或业主）和方式（信函或电话） (Say whom: CUSTOMER or OWNER, and how: "
                    + "LETTER or PHONE)");
        }
        if (scores == null || scores.isEmpty()) {
            throw ProblemException.invalid("survey-scores-missing", "请至少填一项评分 (Give at least one score)");
        }
        Map<Topic, Integer> kept = new EnumMap<>(Topic.class);
        scores.forEach((topic, score) -> {
            if (topic == null || score == null || score < 1 || score > 5) {
                throw ProblemException.invalid("survey-score-invalid", "评分为 1（很不满意）到 5（很满意），而不是 " + score
                        + " (Each score runs from 1 to 5)");
            }
            kept.put(topic, score);
        });
        return new Survey(id, siteId, customerId, archiveNo, audience, channel, kept, comments == null || comments.isBlank() ? null
                : comments.strip(), by, at);
    }

    /** The mean of the scores, 2 decimals. */
    public BigDecimal average() {
        int sum = scores.values().stream().mapToInt(Integer::intValue).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(scores.size()), 2, RoundingMode.HALF_UP);
    }
}
