package io.anchang.customer.domain.relations;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A complaint or a suggestion (投诉和建议, R-CUS-9; 制度2 二5) that came in by phone, in writing or in person, tracked to
 * its resolution: received, handed to someone, worked on (each step noted), resolved. A complaint about a rep that makes
 * the customer refuse them at the desk is R-ATT-6's, not this.
 *
 * @param customerId the customer of the archive it came from, or null (someone not in the archive: {@code contact} names them)
 */
public record Feedback(String id, String siteId, String customerId, String archiveNo, String contact, Kind kind, Channel channel,
                       String subject, String text, String receivedBy, Instant receivedAt, String assignedTo, Status status,
                       List<Step> steps, String resolution, String resolvedBy, Instant resolvedAt) {

    public static final int MAX_STEPS = 100;

    public Feedback {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public enum Kind { COMPLAINT, SUGGESTION }

    public enum Channel { PHONE, LETTER, IN_PERSON }

    public enum Status { OPEN, IN_PROGRESS, RESOLVED }

    /** A step on the way: a note, and to whom it was handed. */
    public record Step(String by, Instant at, String note, String assignedTo) {
    }

    public static Feedback receive(String id, String siteId, String customerId, String archiveNo, String contact, Kind kind,
                                   Channel channel, String subject, String text, String assignedTo, String by, Instant at) {
        if (kind == null || channel == null) {
            throw ProblemException.invalid("feedback-kind-missing", "请注明是投诉还是建议，以及来自电话、书面还是当面 (Say whether it is a "
                    + "COMPLAINT or a SUGGESTION, and whether it came by PHONE, LETTER or IN_PERSON)");
        }
        if (customerId == null && (contact == null || contact.isBlank())) {
            throw ProblemException.invalid("feedback-from-nobody", "请选择客户，或写明反映人 (Name the customer, or who it came from)");
        }
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("feedback-text-missing", "请记录客户反映的内容 (Write down what was said)");
        }
        return new Feedback(id, siteId, customerId, archiveNo, contact == null ? null : contact.strip(), kind, channel,
                subject == null || subject.isBlank() ? null : subject.strip(), text.strip(), by, at, assignedTo,
                Status.OPEN, List.of(), null, null, null);
    }

    /** A step: a note on what was done, and whom it is handed to now (null: unchanged). */
    public Feedback progressed(String note, String handTo, String by, Instant at) {
        requireOpen();
        if ((note == null || note.isBlank()) && handTo == null) {
            throw ProblemException.invalid("feedback-step-empty", "请写明处理情况或转交给谁 (Write what was done, or whom it goes to)");
        }
        if (steps.size() >= MAX_STEPS) {
            throw ProblemException.conflict("feedback-too-many-steps", "处理记录已达上限，请办结 (Too many steps: resolve it)");
        }
        List<Step> next = new ArrayList<>(steps);
        next.add(new Step(by, at, note == null ? null : note.strip(), handTo));
        return new Feedback(id, siteId, customerId, archiveNo, contact, kind, channel, subject, text, receivedBy, receivedAt,
                handTo != null ? handTo : assignedTo, Status.IN_PROGRESS, next, null, null, null);
    }

    /** R-CUS-9: tracked to a resolution. */
    public Feedback resolved(String resolution, String by, Instant at) {
        requireOpen();
        if (resolution == null || resolution.isBlank()) {
            throw ProblemException.invalid("feedback-resolution-missing", "请写明处理结果 (Write how it was resolved)");
        }
        return new Feedback(id, siteId, customerId, archiveNo, contact, kind, channel, subject, text, receivedBy, receivedAt,
                assignedTo, Status.RESOLVED, steps, resolution.strip(), by, at);
    }

    private void requireOpen() {
        if (status == Status.RESOLVED) {
            throw ProblemException.conflict("feedback-resolved", "这条" + (kind == Kind.COMPLAINT ? "投诉" : "建议") + "已于 " + resolvedAt
                    + " 办结 (It was resolved already)");
        }
    }
}
