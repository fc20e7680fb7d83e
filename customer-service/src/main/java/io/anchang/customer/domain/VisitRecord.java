package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Statement;

import java.time.Instant;

/**
 * A visit or call the rules were applied to, once per visit id (flow 1): what was decided and
 * why. A waiting customer's statement is kept until a rep takes them (R-REC-9).
 *
 * @param server          the rep who serves, null while the customer waits
 * @param preferredRep    for a waiting customer: whom they wait for
 * @param previousOwner   the owner before this visit
 * @param turnGivenBackTo the rep whose rotation turn this visit gave back (R-ATT-10, degraded reconciliation)
 */
public record VisitRecord(String visitId, Channel channel, Instant at, String server, ServingRole role,
                          String preferredRep, boolean usesTurn, String ruleId, String rule, String previousOwner,
                          String complaintId, String turnGivenBackTo, Statement statement) {

    public boolean waiting() {
        return role == ServingRole.WAITING;
    }
}
