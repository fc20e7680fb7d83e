package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.ServingRole;

/**
 * What the attribution rules decided for one visit or call: who serves now (or whom the customer waits
 * for) and whose rotation turn it uses, who owns the customer after it, what it arranged about credit and
 * bonus, the complaint it lodged, and the rule with its sentence.
 *
 * @param turnGivenBackTo the rep whose rotation turn is given back (a turn the desk charged that the rules do not use)
 */
public record Decision(Seat seat, Ownership ownership, Arrangement arrangement, Lodged complaint, String ruleId, String rule,
                       String turnGivenBackTo) {

    /**
     * Who serves now, or whom the customer waits for, and the turns it uses.
     *
     * @param server       the rep who serves, null while the customer waits (R-REC-9)
     * @param preferredRep for a waiting customer: the rep they wait for (owner or named), null for the rotation's next rep
     * @param notRep       the owner the customer turned down or complained about: never serves them on this visit (R-ATT-5, R-ATT-6)
     * @param usesTurn     the server's rotation turn is used; for a waiting customer: whoever the rotation gives uses theirs
     * @param namedTurnOf  R-REC-6: the rep asked for by name whose turn the visit uses, whoever serves
     */
    public record Seat(String server, ServingRole role, String preferredRep, String notRep, boolean usesTurn, String namedTurnOf) {

        static Seat serving(String server, ServingRole role, boolean usesTurn) {
            return new Seat(server, role, null, null, usesTurn, null);
        }

        static Seat waiting(String preferredRep, String notRep, boolean usesTurn, String namedTurnOf) {
            return new Seat(null, ServingRole.WAITING, preferredRep, notRep, usesTurn, namedTurnOf);
        }
    }

    /**
     * Who owns the customer after the visit.
     *
     * @param newOwner the rep whose claim stands after this visit, or null when it does not change
     * @param rule     the rule that gives the new claim
     * @param renew    the owner served: the claim's protection runs from this visit (R-ATT-2, VISIT)
     * @param afresh   the customer's claim had expired and the customer was received like a new one (R-ATT-2): the new
     *                 owner's claim starts afresh, even when they held the expired one
     */
    public record Ownership(String newOwner, String rule, boolean renew, boolean afresh) {

        static final Ownership UNCHANGED = new Ownership(null, null, false, false);

        static Ownership passesTo(String rep, String rule) {
            return new Ownership(rep, rule, false, false);
        }

        static Ownership renewed() {
            return new Ownership(null, null, true, false);
        }
    }

    /** R-ATT-6: the complaint this visit lodges — at once, also while the customer waits. */
    public record Lodged(String id, String text, String against) {
    }

    public boolean waiting() {
        return seat.role() == ServingRole.WAITING;
    }

    public String server() {
        return seat.server();
    }

    public ServingRole role() {
        return seat.role();
    }

    public String preferredRep() {
        return seat.preferredRep();
    }

    public boolean usesTurn() {
        return seat.usesTurn();
    }

    public String namedTurnOf() {
        return seat.namedTurnOf();
    }

    public String notRep() {
        return seat.notRep();
    }

    public String newOwner() {
        return ownership.newOwner();
    }

    public String complaintId() {
        return complaint == null ? null : complaint.id();
    }

    Decision with(Seat changed) {
        return new Decision(changed, ownership, arrangement, complaint, ruleId, rule, turnGivenBackTo);
    }

    Decision withTurnGivenBackTo(String rep) {
        return new Decision(seat, ownership, arrangement, complaint, ruleId, rule, rep);
    }

    /** R-ATT-2: the customer's claim had expired, so whoever owns the customer now holds a fresh claim. */
    Decision receivedAfresh() {
        return new Decision(seat, new Ownership(ownership.newOwner(), ownership.rule(), ownership.renew(), true), arrangement,
                complaint, ruleId, rule, turnGivenBackTo);
    }
}
