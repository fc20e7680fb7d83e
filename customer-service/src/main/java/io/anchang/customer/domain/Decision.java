package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.ServingRole;

/**
 * What the attribution rules decided for one visit or call: who serves and in what capacity,
 * whether it uses the server's rotation turn, who owns the customer after it, what it
 * arranged about credit and bonus, and the rule with its sentence.
 *
 * @param newOwner        the rep whose claim stands after this visit, or null when it does not change
 * @param renewOwner      the owner served: the claim's protection runs from today (R-ATT-2, VISIT)
 * @param turnGivenBackTo the rep whose rotation turn is given back
 */
public record Decision(String server, ServingRole role, String preferredRep, boolean usesTurn, String newOwner,
                       String ownerRule, Arrangement arrangement, boolean renewOwner, String ruleId, String rule,
                       String complaintId, String complaintText, String complaintAgainst, String turnGivenBackTo) {

    public boolean waiting() {
        return role == ServingRole.WAITING;
    }

    Decision withTurnGivenBackTo(String rep) {
        return new Decision(server, role, preferredRep, usesTurn, newOwner, ownerRule, arrangement, renewOwner, ruleId, rule,
                complaintId, complaintText, complaintAgainst, rep);
    }
}
