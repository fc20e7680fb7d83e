package io.anchang.reception.model;

import java.util.List;

/**
 * What a walk-in customer says at the desk (R-REC-5), in the model's own words: at most one thing in particular, which
 * is how a desk clerk records it. Phones are the pool's keys ("P0" …).
 *
 * @param firstVisit   TRUE: says it is the first visit; FALSE: has been here before; null: not asked
 * @param askedFor     the rep asked for on entering (R-REC-6 on a first visit, R-ATT-11 later)
 * @param discount     asks for {@code askedFor} to bargain for a bigger discount (R-ATT-9)
 * @param named        reps named as having served them, in the order named (R-ATT-8)
 * @param refuses      turns the owner down when asked (R-ATT-5)
 * @param complaint    complains about the owner and refuses them (R-ATT-6)
 * @param forgot       has been before but cannot say with whom (R-ATT-10)
 * @param broughtBy    the phone of the existing customer who brought them (R-ATT-13)
 * @param household    the phone of a member of their household (R-ATT-14)
 * @param assignedTo   in event mode, the rep the MANAGER assigns (R-REC-8)
 */
record Said(Boolean firstVisit, String askedFor, boolean discount, List<String> named, boolean refuses, String complaint,
            boolean forgot, String broughtBy, String household, String assignedTo) {

    Said {
        named = named == null ? List.of() : List.copyOf(named);
    }

    static Said nothing() {
        return new Said(null, null, false, List.of(), false, null, false, null, null, null);
    }

    static Said onFirstVisit() {
        return new Said(true, null, false, List.of(), false, null, false, null, null, null);
    }

    static Said cameBefore() {
        return new Said(false, null, false, List.of(), false, null, false, null, null, null);
    }

    static Said forgotWhom() {
        return new Said(false, null, false, List.of(), false, null, true, null, null, null);
    }

    static Said asksFor(String rep, boolean firstVisit) {
        return new Said(firstVisit, rep, false, List.of(), false, null, false, null, null, null);
    }

    static Said bargainsWith(String rep) {
        return new Said(false, rep, true, List.of(), false, null, false, null, null, null);
    }

    static Said names(String... reps) {
        return new Said(false, null, false, List.of(reps), false, null, false, null, null, null);
    }

    static Said refusesOwner() {
        return new Said(false, null, false, List.of(), true, null, false, null, null, null);
    }

    static Said complains(String text) {
        return new Said(false, null, false, List.of(), false, text, false, null, null, null);
    }

    static Said broughtBy(String phone) {
        return new Said(true, null, false, List.of(), false, null, false, phone, null, null);
    }

    static Said household(String phone) {
        return new Said(true, null, false, List.of(), false, null, false, null, phone, null);
    }

    static Said assigned(String rep) {
        return new Said(null, null, false, List.of(), false, null, false, null, null, rep);
    }

    boolean turnsOwnerDown() {
        return refuses || complaint != null;
    }

    /** The Java that says it, for a regression test. */
    @Override
    public String toString() {
        if (assignedTo != null) {
            return "Said.assigned(\"" + assignedTo + "\")";
        }
        if (complaint != null) {
            return "Said.complains(\"" + complaint + "\")";
        }
        if (refuses) {
            return "Said.refusesOwner()";
        }
        if (askedFor != null) {
            return discount ? "Said.bargainsWith(\"" + askedFor + "\")" : "Said.asksFor(\"" + askedFor + "\", " + firstVisit + ")";
        }
        if (!named.isEmpty()) {
            return "Said.names(" + String.join(", ", named.stream().map(n -> "\"" + n + "\"").toList()) + ")";
        }
        if (forgot) {
            return "Said.forgotWhom()";
        }
        if (broughtBy != null) {
            return "Said.broughtBy(\"" + broughtBy + "\")";
        }
        if (household != null) {
            return "Said.household(\"" + household + "\")";
        }
        return firstVisit == null ? "Said.nothing()" : firstVisit ? "Said.onFirstVisit()" : "Said.cameBefore()";
    }
}
