package io.anchang.customer.domain.tracking;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;

/**
 * A customer's objection (抗性) or a question the rep could not answer, flagged for the MANAGER (R-CUS-5; policy 四3,
 * 二5(4)), who analyses it with the rep and answers.
 */
public record Question(String id, String siteId, String customerId, String archiveNo, Kind kind, String text, String raisedBy,
                       Instant raisedAt, String answer, String answeredBy, Instant answeredAt) {

    public enum Kind { OBJECTION, QUESTION }

    public static Question raise(String id, String siteId, String customerId, String archiveNo, Kind kind, String text, String by,
                                 Instant at) {
        if (kind == null || text == null || text.isBlank()) {
            throw ProblemException.invalid("question-invalid", "请注明是客户抗性（OBJECTION）还是疑难问题（QUESTION），并写明内容 (Give the kind and the text)");
        }
        return new Question(id, siteId, customerId, archiveNo, kind, text.strip(), by, at, null, null, null);
    }

    public boolean open() {
        return answeredAt == null;
    }

    public Question answered(String text, String by, Instant at) {
        if (!open()) {
            throw ProblemException.conflict("question-answered", "这个问题已于 " + answeredAt + " 答复 (It was answered already)");
        }
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("answer-missing", "请写明答复 (Write the answer)");
        }
        return new Question(id, siteId, customerId, archiveNo, kind, this.text, raisedBy, raisedAt, text.strip(), by, at);
    }
}
