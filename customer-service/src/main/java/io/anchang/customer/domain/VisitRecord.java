package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Statement;

import java.time.Instant;

/**
 * A visit or call the rules were applied to, once per visit id (flow 1): what was decided and
 * why. A waiting customer's statement is kept until a rep takes them (R-REC-9), or until they leave.
 *
 * @param server          the rep who serves, null while the customer waits
 * @param preferredRep    for a waiting customer: whom they wait for
 * @param usesTurn        the server's rotation turn is used (for a waiting customer: whoever the rotation gives)
 * @param previousOwner   the owner before this visit
 * @param turnGivenBackTo the rep whose rotation turn this visit gave back (R-ATT-10, degraded reconciliation)
 * @param notServedBy     the owner the customer turned down or complained about (R-ATT-5, R-ATT-6)
 * @param namedTurnOf     R-REC-6: the rep asked for by name whose turn the visit uses, whoever serves
 * @param leftAt          a waiting customer left the queue unserved then
 */
public record VisitRecord(String visitId, Channel channel, Instant at, String server, ServingRole role,
                          String preferredRep, boolean usesTurn, String ruleId, String rule, String previousOwner,
                          String complaintId, String turnGivenBackTo, Statement statement, String notServedBy,
                          String namedTurnOf, Instant leftAt) {

    public VisitRecord(String visitId, Channel channel, Instant at, String server, ServingRole role,
                       String preferredRep, boolean usesTurn, String ruleId, String rule, String previousOwner,
                       String complaintId, String turnGivenBackTo, Statement statement) {
        this(visitId, channel, at, server, role, preferredRep, usesTurn, ruleId, rule, previousOwner, complaintId, turnGivenBackTo,
                statement, null, null, null);
    }

    /** The customer waits for a rep (and has not left). */
    public boolean waiting() {
        return role == ServingRole.WAITING && leftAt == null;
    }

    /** The customer waited and left the queue unserved (客户离开/未接待). */
    public boolean left() {
        return leftAt != null;
    }

    VisitRecord leftAt(Instant when) {
        return new VisitRecord(visitId, channel, at, server, role, preferredRep, usesTurn, ruleId, rule, previousOwner, complaintId,
                turnGivenBackTo, statement, notServedBy, namedTurnOf, when);
    }

    VisitRecord withTurnGivenBack(String rep, String newRule) {
        return new VisitRecord(visitId, channel, at, server, role, preferredRep, false, ruleId, newRule, previousOwner, complaintId,
                rep, statement, notServedBy, namedTurnOf, leftAt);
    }
}
