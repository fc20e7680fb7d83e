package io.anchang.platform.api.attribution;

import java.util.List;

/**
 * customer-service's answer: who the customer is, who serves them now and whether it uses a
 * rotation turn, the rule that decided it (its ID and a sentence in Chinese), and the claims
 * and shares that now stand (the shares if the deal were made today).
 *
 * @param servedBy        the rep who serves, or null when nobody can and the customer waits (R-REC-9)
 * @param preferredRep    for a waiting customer: the rep they wait for (owner or named), or null for the rotation's next rep
 * @param usesTurn        whether serving this customer uses the server's rotation turn (for a waiting customer: whoever the rotation gives)
 * @param complaintId     the complaint lodged at this visit, awaiting a SUPERVISOR (R-ATT-6)
 * @param turnGivenBackTo the rep whose turn this visit gives back (R-ATT-10, or a turn used in degraded mode)
 * @param notServedBy     the owner the customer turned down or complained about: never serves them on this visit, also
 *                        not from the queue (R-ATT-5, R-ATT-6)
 * @param namedTurnOf     R-REC-6: the rep a first-time customer asked for, whose turn this visit uses whoever serves —
 *                        they go to the back of the order and keep an owed make-up turn
 */
public record AttributionAnswer(String visitId, String customerId, String archiveNo, String phoneMasked, boolean newCustomer,
                                String servedBy, ServingRole role, String preferredRep, boolean usesTurn,
                                String ownerRep, String previousOwner, String ruleId, String rule,
                                List<Share> shares, List<ClaimView> claims, String complaintId, String turnGivenBackTo,
                                String notServedBy, String namedTurnOf) {

    public AttributionAnswer {
        shares = shares == null ? List.of() : List.copyOf(shares);
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    public AttributionAnswer(String visitId, String customerId, String archiveNo, String phoneMasked, boolean newCustomer,
                             String servedBy, ServingRole role, String preferredRep, boolean usesTurn,
                             String ownerRep, String previousOwner, String ruleId, String rule,
                             List<Share> shares, List<ClaimView> claims, String complaintId, String turnGivenBackTo) {
        this(visitId, customerId, archiveNo, phoneMasked, newCustomer, servedBy, role, preferredRep, usesTurn, ownerRep,
                previousOwner, ruleId, rule, shares, claims, complaintId, turnGivenBackTo, null, null);
    }
}
