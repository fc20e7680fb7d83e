package io.anchang.reception.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * R-REC and R-ATT as RULES.md states them (with its "Decisions on corner cases"), as a small program of its own: the
 * front desk of one site and the customers' claims, in plain Java, sharing no code with the services. The rulebook's
 * default settings apply (section P): two months' protection renewed by the owner's visits, no owed turns for BUSY reps,
 * a named first visit uses the named rep's turn, and the policy's splits.
 *
 * <p>The model answers the same questions as the domain ({@link Snapshot}); a step the rules refuse (a problem the desk
 * is shown) answers {@code false} and changes nothing.
 */
final class RulesModel {

    static final int PROTECTION_MONTHS = 2;

    private final ZoneId zone;
    private Instant now;

    // ------------------------------------------------------------------ the desk (R-REC-1, R-REC-2, R-REC-8, R-REC-9)
    private final List<String> order = new ArrayList<>();
    private final Map<String, String> status = new HashMap<>();
    private final Map<String, Integer> owed = new HashMap<>();
    private final Map<String, String> serving = new HashMap<>();
    private final List<Wait> queue = new ArrayList<>();
    private boolean eventMode;
    private LocalDate today;

    /** A customer waiting for a rep, as R-REC-9 and the corner cases of R-ATT-5/6 and R-REC-6 describe the wait. */
    private record Wait(String visit, String waitsFor, boolean rotationGivesOnTurn, String notBy, String namedTurnOf) {
    }

    // ------------------------------------------------------------------ the customers (R-ATT)
    private final Map<String, Person> people = new LinkedHashMap<>();
    private final Map<String, Seen> visits = new LinkedHashMap<>();
    private final Map<String, Snapshot.DealView> deals = new LinkedHashMap<>();

    /** One person of the site, known by their phone. */
    private static final class Person {
        final String phone;
        String householdFirst;
        String owner;
        Instant ownerSince;
        /** R-ATT-2: protection runs two months from the later of the claim and the last visit the owner served. */
        Instant protectionFrom;
        /** R-ATT-13, R-ATT-14: whom the household and friends brought along belong to, and since when. */
        String linkRep;
        final TreeMap<Instant, String> linkHistory = new TreeMap<>();
        final List<Deal> arrangements = new ArrayList<>();
        final List<Instant> dealsSigned = new ArrayList<>();
        /** every claim there has been, for what stood at an earlier moment (R-ATT-10) */
        final List<Span> history = new ArrayList<>();
        final Map<String, Complaint> complaints = new TreeMap<>();

        Person(String phone) {
            this.phone = phone;
        }
    }

    /** A claim as it stood from {@code since} until {@code ended}, renewed by the owner's visits. */
    private static final class Span {
        final String rep;
        final Instant since;
        Instant ended;
        final List<Instant> renewals = new ArrayList<>();

        Span(String rep, Instant since) {
            this.rep = rep;
            this.since = since;
        }
    }

    /** What a visit arranged about credit and bonus (R-ATT-5 … R-ATT-11), or a ruling (R-ATT-16). */
    private record Deal(String kind, Instant at, String first, String second, String creditTo) {
    }

    private static final class Complaint {
        final String against;
        String lodgedBy;
        final Instant at;
        String status = "PENDING";

        Complaint(String against, String lodgedBy, Instant at) {
            this.against = against;
            this.lodgedBy = lodgedBy;
            this.at = at;
        }
    }

    /** A visit or call as the register keeps it. */
    private static final class Seen {
        final String phone;
        final Instant at;
        final LocalDate day;
        final Said said;
        String state;
        String server;
        boolean serversTurn;
        String namedTurnOf;
        String rule;
        String givenBackTo;

        Seen(String phone, Instant at, LocalDate day, Said said) {
            this.phone = phone;
            this.at = at;
            this.day = day;
            this.said = said;
        }
    }

    RulesModel(ZoneId zone, Instant now) {
        this.zone = zone;
        this.now = now;
    }

    // ================================================================== the day and the clock

    /** R-REC-1: the MANAGER sets the day's rotation; every rep on it AVAILABLE, owed nothing. */
    void newDay(Instant morning, List<String> reps) {
        now = morning;
        today = LocalDate.ofInstant(morning, zone);
        order.clear();
        order.addAll(reps);
        status.clear();
        owed.clear();
        serving.clear();
        queue.clear();
        eventMode = false;
        reps.forEach(r -> {
            status.put(r, "AVAILABLE");
            owed.put(r, 0);
        });
    }

    void clock(Instant at) {
        now = at;
    }

    // ================================================================== the rotation

    private boolean available(String rep) {
        return "AVAILABLE".equals(status.get(rep));
    }

    /** R-REC-1, R-REC-2: who the rotation gives next: a rep owed a turn first, then the first AVAILABLE in order; nobody in event mode. */
    private String rotationGives(String except) {
        if (eventMode) {
            return null;
        }
        for (String rep : order) {
            if (available(rep) && owed.get(rep) > 0 && !rep.equals(except)) {
                return rep;
            }
        }
        for (String rep : order) {
            if (available(rep) && !rep.equals(except)) {
                return rep;
            }
        }
        return null;
    }

    /**
     * R-REC-1, R-REC-2: {@code rep}, given by the rotation, takes a turn: a make-up turn if owed one; else every OUT or BUSY
     * rep before them in order is passed over — an OUT one owed the turn — and goes to the back, and {@code rep} behind them.
     */
    private void rotationTurn(String rep) {
        if (owed.get(rep) > 0) {
            owed.put(rep, owed.get(rep) - 1);
            return;
        }
        List<String> stay = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        boolean before = true;
        for (String r : order) {
            if (r.equals(rep)) {
                before = false;
            } else if (before && ("OUT".equals(status.get(r)) || "BUSY".equals(status.get(r)))) {
                passed.add(r);
                if ("OUT".equals(status.get(r))) {
                    owed.put(r, owed.get(r) + 1);
                }
            } else {
                stay.add(r);
            }
        }
        order.clear();
        order.addAll(stay);
        order.addAll(passed);
        order.add(rep);
    }

    /** R-REC-6 (corner): the named rep's turn: to the back of the order; an owed make-up turn kept; nobody else moves. */
    private void namedTurn(String rep) {
        if (order.remove(rep)) {
            order.add(rep);
        }
    }

    /** R-REC-9: while someone waits and a rep they accept is free, they go to that rep, in arrival order. */
    private void drain() {
        boolean moved = true;
        while (moved && !eventMode) {
            moved = false;
            for (Wait w : List.copyOf(queue)) {
                String rep = w.waitsFor() != null && !w.waitsFor().equals(w.notBy()) && available(w.waitsFor()) ? w.waitsFor() : null;
                boolean turn = false;
                if (rep == null) {
                    rep = rotationGives(w.notBy());
                    turn = rep != null && w.rotationGivesOnTurn();
                }
                if (rep == null) {
                    continue;
                }
                queue.remove(w);
                if (turn) {
                    rotationTurn(rep);
                }
                seat(w.visit(), rep);
                taken(w.visit(), rep, turn, false);
                moved = true;
                break;
            }
        }
    }

    private void seat(String visit, String rep) {
        status.put(rep, "BUSY");
        serving.put(rep, visit);
    }

    // ================================================================== a walk-in (R-REC-5 … R-REC-9, R-ATT)

    /** What the rules decide about one visit: who serves, or whom the customer waits for, and what it does to the claims. */
    private record Call(String server, String waitsFor, String notBy, boolean serversTurn, boolean rotationGivesOnTurn,
                        String namedTurnOf, String newOwner, boolean renew, Deal deal, boolean complaint, String rule) {

        static Call serve(String server, boolean turn, String newOwner, String rule) {
            return new Call(server, null, null, turn, false, null, newOwner, false, null, false, rule);
        }

        static Call await(String waitsFor, boolean onTurn, String rule) {
            return new Call(null, waitsFor, null, false, onTurn, null, null, false, null, false, rule);
        }
    }

    /** Who is at the desk as the rules see it at the moment they decide. */
    private record DeskView(String up, String onDeck, java.util.Set<String> free, boolean eventMode) {

        boolean isFree(String rep) {
            return rep != null && free.contains(rep);
        }
    }

    private DeskView arrivalView() {
        String up = rotationGives(null);
        java.util.Set<String> free = new java.util.HashSet<>();
        order.stream().filter(this::available).forEach(free::add);
        return new DeskView(up, up == null ? null : rotationGives(up), free, eventMode);
    }

    /** A walk-in; false when the desk is refused (the MANAGER assigned a rep the customer turned down). */
    boolean walkIn(String visit, String phone, Said said) {
        Person known = people.get(phone);
        DeskView desk = arrivalView();
        Call call = decide(known, said, desk, now);
        if (call == null) {
            return false;
        }
        Seen seen = new Seen(phone, now, today, said);
        visits.put(visit, seen);
        Person person = known != null ? known : register(phone, said);
        apply(person, seen, visit, call, now);
        if (call.namedTurnOf() != null) {
            namedTurn(call.namedTurnOf());
        }
        if (call.server() != null) {
            if (call.serversTurn() && !call.server().equals(call.namedTurnOf())) {
                rotationTurn(call.server());
            }
            seat(visit, call.server());
        } else {
            queue.add(new Wait(visit, call.waitsFor(), call.rotationGivesOnTurn() && call.namedTurnOf() == null, call.notBy(),
                    call.namedTurnOf()));
        }
        drain();
        return true;
    }

    private Person register(String phone, Said said) {
        Person person = new Person(phone);
        if (said.household() != null && people.containsKey(said.household())) {
            Person member = people.get(said.household());
            person.householdFirst = member.householdFirst != null ? member.householdFirst : member.phone;
        }
        people.put(phone, person);
        return person;
    }

    /** R-ATT-2: the owner's claim, begun by {@code at}, protects on the day of {@code at}. */
    private boolean protects(Person p, Instant at) {
        return p != null && p.owner != null && !p.ownerSince.isAfter(at) && LocalDate.ofInstant(at, zone).isBefore(protectionEnds(p));
    }

    private LocalDate protectionEnds(Person p) {
        return LocalDate.ofInstant(p.protectionFrom, zone).plusMonths(PROTECTION_MONTHS);
    }

    /** The rules for one visit, arriving at {@code at} with the desk as {@code desk}; null: the desk is refused. */
    private Call decide(Person person, Said said, DeskView desk, Instant at) {
        String owner = protects(person, at) ? person.owner : null;
        if (desk.eventMode()) {
            return eventMode(owner, said, desk);
        }
        return owner != null ? returning(owner, said, desk, at) : asNew(person, said, desk, at);
    }

    /** R-REC-8: the rotation is suspended; the MANAGER assigns; nobody assigned, the customer waits for the MANAGER. */
    private Call eventMode(String owner, Said said, DeskView desk) {
        String assigned = said.assignedTo();
        boolean assignable = desk.isFree(assigned);
        if (owner != null && said.turnsOwnerDown()) {
            if (owner.equals(assigned)) {
                return null;
            }
            return turnedDown(owner, said, assignable ? assigned : null);
        }
        if (!assignable) {
            // a new customer still waiting when event mode ends is a new customer: the rotation's rep takes them on a turn
            return Call.await(owner, owner == null, "R-REC-8");
        }
        if (owner == null) {
            return Call.serve(assigned, false, assigned, "R-REC-8");
        }
        if (assigned.equals(owner)) {
            return ownerServes(owner, "R-REC-8");
        }
        return helps(assigned, owner, "R-REC-8");
    }

    /** The customer has an owner whose claim protects (R-ATT-4 … R-ATT-9, R-ATT-11). */
    private Call returning(String owner, Said said, DeskView desk, Instant at) {
        if (said.turnsOwnerDown()) {
            // R-ATT-5/6 (corner): never B on this visit; the serving rep is the up rep, or the next the rotation gives
            String serving = desk.up() != null && !desk.up().equals(owner) ? desk.up() : desk.onDeck();
            return turnedDown(owner, said, serving);
        }
        String asked = said.askedFor();
        if (asked != null && !asked.equals(owner) && desk.isFree(asked)) {
            if (said.discount()) {
                return Call.serve(asked, false, null, "R-ATT-9");   // R-ATT-9: all stays with the owner
            }
            // R-ATT-11: the rep asked for by name on a later visit serves and owns; 50 / 50 with the owner of record
            return new Call(asked, null, null, false, false, null, asked, false,
                    new Deal("NAMED_LATER", at, asked, owner, null), false, "R-ATT-11");
        }
        // R-ATT-9/11 (corner): the rep asked for cannot serve: as if the customer asked for nobody
        if (!said.named().isEmpty()) {
            String first = said.named().stream().filter(desk::isFree).findFirst().orElse(desk.up());
            if (desk.isFree(owner) || owner.equals(first)) {
                return ownerServes(owner, "R-ATT-8");
            }
            if (first == null) {
                return Call.await(owner, false, "R-REC-9");
            }
            return helps(first, owner, "R-ATT-8");
        }
        if (desk.isFree(owner)) {
            return ownerServes(owner, "R-ATT-4");
        }
        if (desk.up() == null) {
            return Call.await(owner, false, "R-REC-9");
        }
        return helps(desk.up(), owner, "R-ATT-7");
    }

    private Call turnedDown(String owner, Said said, String serving) {
        boolean complaint = said.complaint() != null;
        String rule = complaint ? "R-ATT-6" : "R-ATT-5";
        if (serving == null) {
            // nobody else free: wait for the next other rep; the complaint is lodged at once
            return new Call(null, null, owner, false, false, null, null, false, null, complaint, rule);
        }
        if (complaint) {
            // R-ATT-6 (corner): B stays owner of record until the SUPERVISOR decides; meanwhile credited as R-ATT-5
            return new Call(serving, null, owner, false, false, null, null, false,
                    new Deal("COMPLAINT", now, serving, owner, serving), true, rule);
        }
        return new Call(serving, null, owner, false, false, null, serving, false,
                new Deal("REFUSED_OWNER", now, serving, owner, serving), false, rule);
    }

    private Call ownerServes(String owner, String rule) {
        return new Call(owner, null, null, false, false, null, null, true, null, false, rule);
    }

    private Call helps(String helper, String owner, String rule) {
        return new Call(helper, null, null, false, false, null, null, false, new Deal("HELPER", now, owner, helper, owner), false, rule);
    }

    /** A new customer, or one whose claim no longer protects and who is received like a new one (R-ATT-2). */
    private Call asNew(Person person, Said said, DeskView desk, Instant at) {
        boolean expired = person != null && person.owner != null;
        String household = linked(said.household(), true, at);
        if (household != null) {
            return belongsTo(household, null, desk, "R-ATT-14");
        }
        String friend = linked(said.broughtBy(), false, at);
        if (friend != null) {
            return belongsTo(friend, null, desk, "R-ATT-13");
        }
        boolean saysReturning = Boolean.FALSE.equals(said.firstVisit()) || !said.named().isEmpty() || said.forgot();
        if (said.askedFor() != null) {
            // R-REC-6: the named rep's customer and, on a first visit (or received like one), the named rep's turn
            String turn = expired || !saysReturning ? said.askedFor() : null;
            return belongsTo(said.askedFor(), turn, desk, "R-REC-6");
        }
        if (!said.named().isEmpty()) {
            String first = said.named().stream().filter(desk::isFree).findFirst().orElse(null);
            if (first != null) {
                return Call.serve(first, false, first, "R-ATT-8");
            }
            // R-ATT-8 (corner): none of them free: the rotation applies and it uses a turn
            return desk.up() == null ? Call.await(null, true, "R-REC-9") : Call.serve(desk.up(), true, desk.up(), "R-ATT-8");
        }
        if (desk.up() == null) {
            return Call.await(null, true, "R-REC-9");
        }
        String rule = said.forgot() || Boolean.FALSE.equals(said.firstVisit()) ? "R-ATT-10" : expired ? "R-ATT-2" : "R-ATT-1";
        return Call.serve(desk.up(), true, desk.up(), rule);
    }

    /** The customer is {@code holder}'s: they serve if free, else the up rep helps, else the customer waits for them. */
    private Call belongsTo(String holder, String namedTurn, DeskView desk, String rule) {
        if (desk.isFree(holder)) {
            return new Call(holder, null, null, holder.equals(namedTurn), false, namedTurn, holder, false, null, false, rule);
        }
        if (desk.up() == null) {
            return new Call(null, holder, null, false, false, namedTurn, null, false, null, false, "R-REC-9");
        }
        return new Call(desk.up(), null, null, false, false, namedTurn, holder, false, new Deal("HELPER", now, holder, desk.up(), holder),
                false, rule);
    }

    /** R-ATT-13/14 (corner): a link counts only while the linked customer's claim protects; then its rep. */
    private String linked(String phone, boolean household, Instant at) {
        Person linked = phone == null ? null : people.get(phone);
        if (linked != null && household && linked.householdFirst != null) {
            linked = people.get(linked.householdFirst);
        }
        if (linked == null || protectedRepAt(linked, at) == null) {
            return null;
        }
        Map.Entry<Instant, String> then = linked.linkHistory.floorEntry(at);
        return then == null ? null : then.getValue();
    }

    /** What a decision does to the customer and the register. */
    private void apply(Person person, Seen seen, String visit, Call call, Instant at) {
        if (call.complaint()) {
            person.complaints.computeIfAbsent(visit, v -> new Complaint(person.owner, null, at)).lodgedBy = call.server();
        }
        seen.server = call.server();
        seen.state = call.server() == null ? "WAITING" : "SERVING";
        seen.serversTurn = call.server() == null ? call.rotationGivesOnTurn() : call.serversTurn();
        seen.namedTurnOf = call.namedTurnOf();
        seen.rule = call.rule();
        if (call.server() == null) {
            return;
        }
        if (call.newOwner() != null && (!call.newOwner().equals(person.owner) || !protects(person, at))) {
            passTo(person, call.newOwner(), at, false);
        }
        if (call.renew()) {
            if (at.isAfter(person.protectionFrom)) {
                person.protectionFrom = at;
            }
            person.history.get(person.history.size() - 1).renewals.add(at);
        }
        if (call.deal() != null) {
            Deal deal = call.deal();
            person.arrangements.add(new Deal(deal.kind(), at, deal.first(), deal.second(), deal.creditTo()));
        }
    }

    /**
     * The claim passes to {@code rep} at {@code at}. The household and the friends brought along (R-ATT-13/14) follow it
     * only when the claim starts afresh — no claim, or one that no longer protected — or, with {@code movesLink}, when it
     * passes by a redistribution or a verified complaint from the rep they followed.
     */
    private void passTo(Person person, String rep, Instant at, boolean movesLink) {
        boolean afresh = person.owner == null || !protects(person, at);
        if (afresh || movesLink) {
            person.linkRep = rep;
            person.linkHistory.put(at, rep);
        }
        person.owner = rep;
        person.ownerSince = at;
        person.protectionFrom = at;
        close(person, at);
        person.history.add(new Span(rep, at));
    }

    private static void close(Person person, Instant at) {
        person.history.stream().filter(span -> span.ended == null).forEach(span -> span.ended = at);
    }

    /** R-ATT-10: the rep whose claim on {@code person} stood and protected at {@code at}, as the record shows it now. */
    private String protectedRepAt(Person person, Instant at) {
        Span standing = null;
        for (Span span : person.history) {
            if (!span.since.isAfter(at) && (span.ended == null || span.ended.isAfter(at))) {
                standing = span;
            }
        }
        if (standing == null) {
            return null;
        }
        Instant base = standing.since;
        for (Instant renewal : standing.renewals) {
            if (!renewal.isAfter(at) && renewal.isAfter(base)) {
                base = renewal;
            }
        }
        return LocalDate.ofInstant(at, zone).isBefore(LocalDate.ofInstant(base, zone).plusMonths(PROTECTION_MONTHS)) ? standing.rep : null;
    }

    /** R-REC-9: a waiting customer taken by {@code rep}: decided as of their arrival as if {@code rep} were the only rep free. */
    private void taken(String visit, String rep, boolean turnNow, boolean assigned) {
        Seen seen = visits.get(visit);
        Person person = people.get(seen.phone);
        Said said = seen.said;
        java.util.Set<String> free = java.util.Set.of(rep);
        DeskView desk;
        if (assigned) {
            said = new Said(said.firstVisit(), said.askedFor(), said.discount(), said.named(), said.refuses(), said.complaint(),
                    said.forgot(), said.broughtBy(), said.household(), rep);
            desk = new DeskView(null, null, free, true);
        } else {
            desk = new DeskView(rep, null, free, false);
        }
        String namedTurn = seen.namedTurnOf;
        Instant was = now;
        now = seen.at;
        Call call = decide(person, said, desk, seen.at);
        now = was;
        call = new Call(call.server(), call.waitsFor(), call.notBy(), turnNow || rep.equals(namedTurn), false, namedTurn,
                call.newOwner(), call.renew(), call.deal(), call.complaint(), call.rule());
        apply(person, seen, visit, call, seen.at);
    }

    // ================================================================== the desk through the day

    /** 送客 (R-REC-2): the rep who serves {@code visit} is AVAILABLE again; waiting customers go to reps freed. */
    void seeOff(String visit) {
        String rep = servingRep(visit);
        status.put(rep, "AVAILABLE");
        serving.remove(rep);
        visits.get(visit).state = "SEEN_OFF";
        drain();
    }

    private String servingRep(String visit) {
        return serving.entrySet().stream().filter(e -> e.getValue().equals(visit)).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** R-REC-2: a rep goes OUT or comes back AVAILABLE; back, they are free for the waiting customers. */
    void status(String rep, boolean out) {
        status.put(rep, out ? "OUT" : "AVAILABLE");
        drain();
    }

    /** R-REC-8: the MANAGER suspends the rotation, or resumes it. */
    void eventMode(boolean on) {
        eventMode = on;
        drain();
    }

    /** R-REC-8: the MANAGER gives a waiting customer to a free rep, without a turn; false: refused (busy, or turned down). */
    boolean assign(String visit, String rep) {
        Wait wait = queue.stream().filter(w -> w.visit().equals(visit)).findFirst().orElseThrow();
        if (!available(rep) || rep.equals(wait.notBy())) {
            return false;
        }
        queue.remove(wait);
        seat(visit, rep);
        taken(visit, rep, false, true);
        drain();
        return true;
    }

    /** 客户离开/未接待: a waiting customer leaves the queue. */
    void leave(String visit) {
        queue.removeIf(w -> w.visit().equals(visit));
        visits.get(visit).state = "LEFT";
        drain();
    }

    /** R-REC-3, R-ATT-1: an inbound call registered by {@code taker}: the first registration wins. */
    void call(String phone, String taker) {
        Person person = people.computeIfAbsent(phone, Person::new);
        if (person.owner == null || !protects(person, now)) {
            passTo(person, taker, now, false);
        }
    }

    // ================================================================== the archive through the day

    /**
     * R-ATT-6: the SUPERVISOR checks the complaint lodged at {@code visit}. Verified: B loses every claim and A's claim
     * starts now; rejected: R-ATT-5 from the visit's day. False: refused — the customer still waits for another rep.
     */
    boolean checkComplaint(String phone, String visit, boolean verified) {
        Person person = people.get(phone);
        Complaint complaint = person.complaints.get(visit);
        if (complaint.lodgedBy == null && "WAITING".equals(visits.get(visit).state)) {
            return false;
        }
        complaint.status = verified ? "VERIFIED" : "REJECTED";
        List<Deal> kept = new ArrayList<>();
        for (Deal deal : person.arrangements) {
            if (deal.kind().equals("COMPLAINT") && deal.at().equals(complaint.at)) {
                if (!verified) {
                    kept.add(new Deal("REFUSED_OWNER", deal.at(), deal.first(), deal.second(), deal.creditTo()));
                }
            } else {
                kept.add(deal);
            }
        }
        person.arrangements.clear();
        person.arrangements.addAll(kept);
        String a = complaint.lodgedBy;
        if (verified) {
            if (person.owner == null || person.owner.equals(complaint.against) || person.owner.equals(a)) {
                // R-ATT-13/14 (corner): the household and friends move only when the complaint is against the rep they
                // follow; a protecting claim that passes from another rep (one who took it by R-ATT-5 or R-ATT-10) leaves them
                boolean moves = complaint.against.equals(person.linkRep);
                boolean wasProtected = protects(person, now);
                if (a != null) {
                    if (!wasProtected) {
                        person.owner = null;
                    }
                    passTo(person, a, now, moves);
                } else if (complaint.against.equals(person.owner)) {
                    person.owner = null;
                    close(person, now);
                }
            }
        } else if (a != null && complaint.against.equals(person.owner) && !person.ownerSince.isAfter(complaint.at)) {
            person.owner = a;
            person.ownerSince = complaint.at;
            person.protectionFrom = complaint.at;
            close(person, complaint.at);
            person.history.add(new Span(a, complaint.at));
        }
        return true;
    }

    /**
     * R-ATT-10: the receiving rep A of {@code visit} found the earlier person {@code earlier} in the archive: with B's claim
     * protecting when the customer came, {@code followUpBy} takes the customer, bonus 50/50, A's turn back. False: refused.
     */
    boolean earlierRepFound(String visit, String earlier, String followUpBy) {
        Seen seen = visits.get(visit);
        if (!"R-ATT-10".equals(seen.rule) || seen.givenBackTo != null) {
            return false;
        }
        String a = seen.server;
        String b = people.containsKey(earlier) ? protectedRepAt(people.get(earlier), seen.at) : null;
        if (b == null || b.equals(a) || !(followUpBy.equals(a) || followUpBy.equals(b))) {
            return false;
        }
        Person person = people.get(seen.phone);
        if (!followUpBy.equals(person.owner)) {
            passTo(person, followUpBy, now, false);
        }
        person.arrangements.add(new Deal("FORGOTTEN", now, a, b, followUpBy));
        seen.givenBackTo = a;
        seen.serversTurn = false;
        if (seen.day.equals(today) && owed.containsKey(a)) {
            owed.put(a, owed.get(a) + 1);
        }
        return true;
    }

    /** The customers {@code rep} owns now, for a redistribution (R-ATT-15). */
    List<String> ownedBy(String rep) {
        return people.values().stream().filter(p -> rep.equals(p.owner)).map(p -> p.phone).sorted().toList();
    }

    /**
     * R-ATT-15: {@code from}'s customers are dealt by a draw; the draw's result is the input ({@code drawn}: phone → rep).
     * False when the draw is not fair: a customer of {@code from} left out or drawn twice, a rep outside {@code among}, or
     * counts that differ by more than one.
     */
    boolean redistribute(String from, List<String> among, Map<String, String> drawn) {
        List<String> owned = ownedBy(from);
        if (!new java.util.TreeSet<>(drawn.keySet()).equals(new java.util.TreeSet<>(owned))
                || !among.containsAll(drawn.values())) {
            return false;
        }
        Map<String, Integer> counts = new HashMap<>();
        among.forEach(r -> counts.put(r, 0));
        drawn.values().forEach(r -> counts.merge(r, 1, Integer::sum));
        if (counts.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                - counts.values().stream().mapToInt(Integer::intValue).min().orElse(0) > 1) {
            return false;
        }
        drawn.forEach((phone, rep) -> {
            Person person = people.get(phone);
            passTo(person, rep, now, from.equals(person.linkRep));
        });
        return true;
    }

    /** R-ATT-17: a big deposit signed by {@code rep}: the deal takes the shares valid now. */
    void deal(String key, String phone, String rep) {
        Person person = people.get(phone);
        deals.put(key, credit(person, now, rep));
        person.dealsSigned.add(now);
    }

    // ================================================================== credit and bonus (R-ATT-17)

    private Snapshot.DealView credit(Person p, Instant at, String dealRep) {
        if (!protects(p, at)) {
            // R-ATT-2: an expired claim earns nothing; the deal's rep takes it
            return new Snapshot.DealView(dealRep == null ? List.of() : List.of(share(dealRep, "1.00", 100)), false);
        }
        List<Deal> during = p.arrangements.stream().filter(d -> !d.at().isBefore(p.ownerSince) && !d.at().isAfter(at))
                .sorted(Comparator.comparing(Deal::at)).toList();
        // "since the customer's last deal": the last deal signed before this moment
        Instant since = p.dealsSigned.stream().filter(t -> t.isBefore(at)).max(Comparator.naturalOrder()).orElse(null);
        for (Deal d : p.arrangements) {
            if (d.kind().equals("RULING") && !d.at().isAfter(at) && (since == null || d.at().isAfter(since))) {
                since = d.at();
            }
        }
        Instant from = since;
        long several = p.arrangements.stream().filter(d -> !d.kind().equals("RULING") && !d.at().isAfter(at)
                && (from == null || d.at().isAfter(from))).count();
        if (during.isEmpty()) {
            return new Snapshot.DealView(List.of(share(p.owner, "1.00", 100)), several > 1);
        }
        Deal latest = during.get(during.size() - 1);
        boolean flagged = several > 1 || latest.kind().equals("COMPLAINT");
        List<String> shares = switch (latest.kind()) {
            case "HELPER" -> LocalDate.ofInstant(at, zone).equals(LocalDate.ofInstant(latest.at(), zone))
                    ? List.of(share(latest.first(), "1.00", 50), share(latest.second(), "0.00", 50))
                    : List.of(share(latest.first(), "1.00", 80), share(latest.second(), "0.00", 20));
            case "REFUSED_OWNER", "COMPLAINT" -> List.of(share(latest.first(), "1.00", 80), share(latest.second(), "0.00", 20));
            case "NAMED_LATER" -> List.of(share(latest.first(), "0.50", 50), share(latest.second(), "0.50", 50));
            case "FORGOTTEN" -> List.of(share(latest.first(), latest.first().equals(latest.creditTo()) ? "1.00" : "0.00", 50),
                    share(latest.second(), latest.second().equals(latest.creditTo()) ? "1.00" : "0.00", 50));
            default -> throw new IllegalStateException(latest.kind());
        };
        return new Snapshot.DealView(shares.stream().sorted().toList(), flagged);
    }

    static String share(String rep, String credit, int bonus) {
        return rep + " " + new BigDecimal(credit).setScale(2) + " " + bonus;
    }

    // ================================================================== what the office looks like

    Snapshot snapshot() {
        Map<String, Snapshot.VisitView> seen = new LinkedHashMap<>();
        visits.forEach((key, v) -> seen.put(key, new Snapshot.VisitView(v.state, v.server, v.serversTurn, v.namedTurnOf, v.rule,
                v.givenBackTo)));
        Map<String, Snapshot.PersonView> persons = new LinkedHashMap<>();
        people.forEach((phone, p) -> {
            Snapshot.DealView credit = credit(p, now, null);
            Map<String, String> complaints = new TreeMap<>();
            p.complaints.forEach((visit, c) -> complaints.put(visit, c.status));
            persons.put(phone, new Snapshot.PersonView(p.owner, protects(p, now), p.owner == null ? null : protectionEnds(p).minusDays(1),
                    credit.shares().stream().sorted().toList(), credit.flagged(), complaints));
        });
        Map<String, Integer> owedNow = new TreeMap<>(owed);
        return new Snapshot(List.copyOf(order), new TreeMap<>(status), owedNow, new TreeMap<>(serving),
                queue.stream().map(Wait::visit).toList(), eventMode, seen, persons, new LinkedHashMap<>(deals));
    }

    // ================================================================== what the generator may ask

    List<String> servedVisits() {
        return serving.values().stream().sorted().toList();
    }

    List<String> waitingVisits() {
        return queue.stream().map(Wait::visit).toList();
    }

    List<String> reps() {
        return List.copyOf(order);
    }

    String statusOf(String rep) {
        return status.get(rep);
    }

    boolean eventModeOn() {
        return eventMode;
    }

    /** Phones of people at the desk now (served or waiting): the same person does not walk in twice at once. */
    java.util.Set<String> atTheDesk() {
        java.util.Set<String> phones = new java.util.HashSet<>();
        serving.values().forEach(v -> phones.add(visits.get(v).phone));
        queue.forEach(w -> phones.add(visits.get(w.visit()).phone));
        return phones;
    }

    Optional<String> phoneOf(String visit) {
        return Optional.ofNullable(visits.get(visit)).map(v -> v.phone);
    }

    boolean known(String phone) {
        return people.containsKey(phone);
    }

    /** Pending complaints as (phone, visit). */
    List<String[]> pendingComplaints() {
        List<String[]> out = new ArrayList<>();
        people.values().forEach(p -> p.complaints.forEach((visit, c) -> {
            if ("PENDING".equals(c.status)) {
                out.add(new String[]{p.phone, visit});
            }
        }));
        return out;
    }

    /** Visits received under R-ATT-10 whose turn was not given back. */
    List<String> forgottenVisits() {
        List<String> out = new ArrayList<>();
        visits.forEach((key, v) -> {
            if ("R-ATT-10".equals(v.rule) && v.givenBackTo == null) {
                out.add(key);
            }
        });
        return out;
    }

    String serverOf(String visit) {
        return visits.get(visit).server;
    }

    Instant now() {
        return now;
    }

    LocalDate today() {
        return today;
    }

    @Override
    public String toString() {
        return "desk " + order + " " + status + " owed " + owed + " serving " + serving + " queue " + queue + (eventMode ? " EVENT" : "");
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
