package io.anchang.reception.domain;

import io.anchang.platform.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An incident on the sales floor (突发事件, R-OPS-3; policy 八): a conflict between a rep and a customer, or a customer
 * making trouble on purpose. Recorded by the floor's SUPERVISOR or MANAGER — who was involved, what happened, the action
 * taken (first of all: the parties taken away from the floor) — and closed with its outcome.
 */
public record Incident(String id, String siteId, Instant occurredAt, List<Party> parties, String what, String actionTaken,
                       boolean takenAwayFromFloor, String outcome, Status status, String recordedBy, Instant recordedAt,
                       String closedBy, Instant closedAt) {

    /** An incident may be recorded up to this long after it happened, never before. */
    public static final Duration RECORDED_WITHIN = Duration.ofDays(7);
    public static final int MAX_PARTIES = 20;

    public enum Status { OPEN, CLOSED }

    /** Someone involved: a rep (by user id), a customer (by name, or id of the archive), or anyone else by name. */
    public record Party(Kind kind, String name, String userId, String customerId) {

        public enum Kind { REP, CUSTOMER, OTHER }

        String label() {
            return kind + ":" + (name == null || name.isBlank() ? (userId != null ? userId : customerId) : name);
        }
    }

    public Incident {
        parties = List.copyOf(parties);
    }

    public static Incident record(String id, String siteId, Instant occurredAt, List<Party> parties, String what,
                                  String actionTaken, boolean takenAwayFromFloor, String by, Instant now) {
        Instant when = occurredAt == null ? now : occurredAt;
        if (when.isAfter(now)) {
            throw ProblemException.invalid("incident-in-the-future", "事件发生时间不能晚于现在 (An incident cannot have happened in the future)");
        }
        if (when.isBefore(now.minus(RECORDED_WITHIN))) {
            throw ProblemException.invalid("incident-too-old", "事件须在发生后 7 天内记录 (Record an incident within 7 days of it)");
        }
        if (parties == null || parties.isEmpty()) {
            throw ProblemException.invalid("incident-parties-missing", "请写明当事人 (Name who was involved)");
        }
        if (parties.size() > MAX_PARTIES) {
            throw ProblemException.invalid("incident-parties-too-many", "当事人最多 " + MAX_PARTIES + " 位 (At most " + MAX_PARTIES + " parties)");
        }
        for (Party party : parties) {
            if (party.kind() == null || (blank(party.name()) && blank(party.userId()) && blank(party.customerId()))) {
                throw ProblemException.invalid("incident-party-invalid", "每位当事人须写明类别（置业顾问/客户/其他）和姓名 (Each party needs a kind "
                        + "— REP, CUSTOMER or OTHER — and a name)");
            }
        }
        if (blank(what)) {
            throw ProblemException.invalid("incident-what-missing", "请写明发生了什么 (Say what happened)");
        }
        return new Incident(id, siteId, when, parties, what.strip(), blank(actionTaken) ? null : actionTaken.strip(),
                takenAwayFromFloor, null, Status.OPEN, by, now, null, null);
    }

    /** R-OPS-3: the incident is closed with its outcome (and, if it was not written yet, the action taken). */
    public Incident closed(String outcome, String actionTaken, Boolean takenAway, String by, Instant at) {
        if (status == Status.CLOSED) {
            throw ProblemException.conflict("incident-closed", "该事件已于 " + closedAt + " 处理完毕 (This incident was closed already)");
        }
        if (blank(outcome)) {
            throw ProblemException.invalid("incident-outcome-missing", "请写明处理结果 (Say how it ended)");
        }
        return new Incident(id, siteId, occurredAt, parties, what, blank(actionTaken) ? this.actionTaken : actionTaken.strip(),
                takenAway == null ? takenAwayFromFloor : takenAway, outcome.strip(), Status.CLOSED, recordedBy, recordedAt, by, at);
    }

    public List<String> partyLabels() {
        return parties.stream().map(Party::label).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
