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
 * @param receivedAsNew   the customer's claim had expired and the customer was received like a new one
 *                        (R-ATT-2): the new owner's claim starts afresh, even when they held the expired one
 */
public record Decision(String server, ServingRole role, String preferredRep, boolean usesTurn, String newOwner,
                       String ownerRule, Arrangement arrangement, boolean renewOwner, String ruleId, String rule,
                       String complaintId, String complaintText, String complaintAgainst, String turnGivenBackTo,
                       boolean receivedAsNew) {

    /** A decision about a customer whose claim, if any, still protects. */
    public Decision(String server, ServingRole role, String preferredRep, boolean usesTurn, String newOwner,
                    String ownerRule, Arrangement arrangement, boolean renewOwner, String ruleId, String rule,
                    String complaintId, String complaintText, String complaintAgainst, String turnGivenBackTo) {
        this(server, role, preferredRep, usesTurn, newOwner, ownerRule, arrangement, renewOwner, ruleId, rule,
                complaintId, complaintText, complaintAgainst, turnGivenBackTo, false);
    }

    public boolean waiting() {
        return role == ServingRole.WAITING;
    }

    Decision withTurnGivenBackTo(String rep) {
        return new Decision(server, role, preferredRep, usesTurn, newOwner, ownerRule, arrangement, renewOwner, ruleId, rule,
                complaintId, complaintText, complaintAgainst, rep, receivedAsNew);
    }

    /** R-ATT-2: the customer's claim had expired, so whoever owns the customer now holds a fresh claim. */
    Decision asReceivedAsNew() {
        return new Decision(server, role, preferredRep, usesTurn, newOwner, ownerRule, arrangement, renewOwner, ruleId, rule,
                complaintId, complaintText, complaintAgainst, turnGivenBackTo, true);
    }
}
