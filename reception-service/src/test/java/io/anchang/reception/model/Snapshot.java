package io.anchang.reception.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the office looks like after a step, as both the model and the real domain report it: the desk (turn order,
 * each rep's status and owed turns, who serves whom, the queue), every visit (who serves, whose turn it used, the
 * rule), every customer (owner, protection, complaints, the shares if a deal were made now) and every deal's shares.
 */
record Snapshot(List<String> order, Map<String, String> status, Map<String, Integer> owed, Map<String, String> serving,
                List<String> queue, boolean eventMode, Map<String, VisitView> visits, Map<String, PersonView> people,
                Map<String, DealView> deals) {

    /**
     * @param state        WAITING, SERVING, SEEN_OFF or LEFT
     * @param serversTurn  the server's turn is used (for a waiting customer: whoever the rotation gives uses theirs)
     * @param namedTurnOf  R-REC-6: the rep asked for by name whose turn the visit used
     * @param givenBackTo  R-ATT-10: the rep whose turn was given back
     */
    record VisitView(String state, String server, boolean serversTurn, String namedTurnOf, String ruleId, String givenBackTo) {
    }

    /**
     * @param protectedUntil the last day the owner's claim protects (R-ATT-2), null without an owner
     * @param shares         "rep credit bonus" if a deal were made now, sorted
     * @param complaints     visit → PENDING, VERIFIED or REJECTED
     */
    record PersonView(String owner, boolean protectedNow, LocalDate protectedUntil, List<String> shares, boolean flagged,
                      Map<String, String> complaints) {
    }

    record DealView(List<String> shares, boolean flagged) {
    }

    /** The differences between what the model expects and what the domain did, one line each; empty when they agree. */
    static List<String> differences(Snapshot model, Snapshot domain) {
        List<String> out = new ArrayList<>();
        same(out, "turn order", model.order, domain.order);
        same(out, "statuses", model.status, domain.status);
        same(out, "owed turns", model.owed, domain.owed);
        same(out, "who serves whom", model.serving, domain.serving);
        same(out, "the queue", model.queue, domain.queue);
        same(out, "event mode", model.eventMode, domain.eventMode);
        for (String key : new TreeSet<>(union(model.visits, domain.visits))) {
            same(out, "visit " + key, model.visits.get(key), domain.visits.get(key));
        }
        for (String key : new TreeSet<>(union(model.people, domain.people))) {
            same(out, "customer " + key, model.people.get(key), domain.people.get(key));
        }
        for (String key : new TreeSet<>(union(model.deals, domain.deals))) {
            same(out, "deal " + key, model.deals.get(key), domain.deals.get(key));
        }
        return out;
    }

    private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static void same(List<String> out, String what, Object model, Object domain) {
        Object m = model instanceof Map<?, ?> map ? new TreeMap<>(map) : model;
        Object d = domain instanceof Map<?, ?> map ? new TreeMap<>(map) : domain;
        if (!Objects.equals(m, d)) {
            out.add(what + ": the rules say " + m + ", the domain has " + d);
        }
    }
}
