package io.anchang.reception.model;

import io.anchang.customer.domain.AttributionRules;
import io.anchang.customer.domain.Claim;
import io.anchang.customer.domain.Complaint;
import io.anchang.customer.domain.Credit;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.DealCredit;
import io.anchang.customer.domain.Decision;
import io.anchang.customer.domain.Draw;
import io.anchang.customer.domain.VisitRecord;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;
import io.anchang.reception.domain.Rotation;
import io.anchang.reception.domain.Visit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The real domain of reception-service and customer-service wired together in memory — no Spring, no store, no broker
 * — the way their use cases wire them: the desk holds the rotation's rep and asks the rules (flow 1), places the
 * customer as the answer says, and tells customer-service who took a waiting customer (R-REC-9); customer-service finds
 * the customer by phone and their links, decides, and keeps the claims. One site, one desk a day.
 */
final class Office {

    static final String SITE = "SH01";

    private final ZoneId zone;
    private final PolicySettings settings = PolicySettings.defaults();
    private final SiteProfile site;
    private Instant now;
    private Rotation desk;

    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Visit> register = new LinkedHashMap<>();
    private final Map<String, Snapshot.DealView> deals = new LinkedHashMap<>();
    private int archiveNumbers;

    Office(ZoneId zone, Instant now, List<String> staff) {
        this.zone = zone;
        this.now = now;
        List<StaffMember> members = new ArrayList<>();
        staff.forEach(rep -> members.add(new StaffMember(rep, rep, Role.SALES, true)));
        members.add(new StaffMember("MGR", "MGR", Role.MANAGER, true));
        members.add(new StaffMember("SUP", "SUP", Role.SUPERVISOR, true));
        this.site = new SiteProfile(SITE, "滨江壹号", zone.getId(), 1, members, List.of());
    }

    static String e164(String phone) {
        return "+861380000000" + phone.substring(1);
    }

    private static String masked(String phone) {
        return "138****000" + phone.substring(1);
    }

    private AttributionRules rules() {
        return new AttributionRules(settings, zone, id -> id);
    }

    // ================================================================== the day

    void newDay(Instant morning, List<String> reps) {
        now = morning;
        desk = Rotation.set(site, LocalDate.ofInstant(morning, zone), reps, "MGR", null);
    }

    void clock(Instant at) {
        now = at;
    }

    // ================================================================== flow 1 (ReceivingVisitors + AttributingVisits)

    /** A walk-in; false when it is refused (the register keeps it as REJECTED, the held rep let go). */
    boolean walkIn(String visit, String phone, Said said) {
        Statement statement = statement(said);
        Visit entry = Visit.receiving(visit, SITE, visit, Channel.VISIT, desk.day(), now, e164(phone), masked(phone), null, statement,
                "DESK", null);
        Rotation.Outcome<Rotation.Rep> held = desk.hold(visit);
        desk = held.rotation();
        String heldRep = held.result() == null ? null : held.result().userId();
        Desk view = desk.desk(heldRep, visit);
        VisitRecord answer;
        try {
            answer = attribute(new AttributionRequest(visit, Channel.VISIT, e164(phone), null, now, "DESK", statement, view, null, false));
        } catch (ProblemException refused) {
            desk = desk.release(visit);
            register.put(visit, entry.rejected());
            return false;
        }
        Rotation.Proposal proposal = new Rotation.Proposal(answer.server(), answer.usesTurn(), answer.preferredRep(),
                answer.notServedBy(), answer.namedTurnOf());
        Rotation.Outcome<Rotation.Placed> placed = desk.place(visit, heldRep, proposal, masked(phone), now, now, settings);
        desk = placed.rotation();
        Rotation.Placement placement = placed.result().placement();
        register.put(visit, placement.server() != null ? entry.served(placement.server(), placement.turn(), false, null, now)
                : entry.waiting(false, null));
        pickups(placed.result().pickups());
        return true;
    }

    /** An inbound call registered by the rep who took it (R-REC-3). */
    void call(String visit, String phone, String taker) {
        attribute(new AttributionRequest(visit, Channel.CALL, e164(phone), null, now, taker, Statement.none(), null, null, false));
    }

    /** customer-service's side of flow 1: the customer, their links, the rules once per visit, the claims kept. */
    private VisitRecord attribute(AttributionRequest request) {
        Customer known = byPhone(request.phone()).orElse(null);
        Statement said = request.statement();
        Customer referrer = said.broughtByPhone() == null ? null : byPhone(said.broughtByPhone()).orElse(null);
        Customer household = said.householdPhone() == null ? null : byPhone(said.householdPhone()).orElse(null);
        if (household != null && household.householdOf() != null) {
            household = customers.get(household.householdOf());
        }
        Decision decision = rules().decide(known, referrer, household, request);
        Customer base = known;
        if (base == null) {
            String phone = request.phone();
            base = Customer.register("c" + phone.substring(phone.length() - 1), SITE, String.format("%s-%06d", SITE, ++archiveNumbers),
                    phone, null, referrer != null ? "REFERRAL" : request.channel().name(), request.at(), request.receivedBy(),
                    referrer == null ? null : referrer.id(), household == null ? null : household.id());
        }
        Customer after = base.apply(decision, request.visitId(), request.channel(), request.at(), zone, said);
        customers.put(after.id(), after);
        return after.visit(request.visitId()).orElseThrow();
    }

    private Optional<Customer> byPhone(String phone) {
        String e164 = phone.startsWith("+") ? phone : e164(phone);
        return customers.values().stream().filter(c -> c.phones().contains(e164)).findFirst();
    }

    private Customer byVisit(String visit) {
        return customers.values().stream().filter(c -> c.visit(visit).isPresent()).findFirst().orElseThrow();
    }

    /** Waiting customers the desk gave to reps: the register says who serves; customer-service decides the visit now. */
    private void pickups(List<Rotation.Pickup> pickups) {
        for (Rotation.Pickup pickup : pickups) {
            String visit = pickup.waiting().visitId();
            Visit entry = register.get(visit).pickedUp(pickup.rep(), pickup.repsTurn(), now);
            register.put(visit, entry);
            served(visit, pickup.rep(), entry.usedTurn(), pickup.assigned());
        }
    }

    /** AttributingVisits.served: a waiting customer taken from the queue, decided as of their arrival. */
    private void served(String visit, String rep, boolean usedTurn, boolean assigned) {
        Customer customer = byVisit(visit);
        VisitRecord waiting = customer.visit(visit).orElseThrow();
        if (!waiting.waiting()) {
            throw new AssertionError("customer-service was told of a pickup of a visit that does not wait: " + waiting);
        }
        Statement said = waiting.statement();
        Customer referrer = said.broughtByPhone() == null ? null : byPhone(said.broughtByPhone()).orElse(null);
        Customer household = said.householdPhone() == null ? null : byPhone(said.householdPhone()).orElse(null);
        if (household != null && household.householdOf() != null) {
            household = customers.get(household.householdOf());
        }
        Decision decision = rules().taken(customer, referrer, household, waiting, rep, usedTurn, assigned);
        customers.put(customer.id(), customer.apply(decision, visit, waiting.channel(), waiting.at(), zone, said));
    }

    // ================================================================== the desk through the day (WorkingTheDesk)

    void seeOff(String visit) {
        Rotation.Outcome<Rotation.Rep> off = desk.seeOff(visit);
        Rotation.Outcome<List<Rotation.Pickup>> drained = off.rotation().drain(now, settings);
        desk = drained.rotation();
        register.put(visit, register.get(visit).seenOff(now));
        pickups(drained.result());
    }

    void status(String rep, boolean out) {
        Rotation.Outcome<List<Rotation.Pickup>> drained = desk.status(rep, rep, out ? RepStatus.OUT : RepStatus.AVAILABLE)
                .drain(now, settings);
        desk = drained.rotation();
        pickups(drained.result());
    }

    void eventMode(boolean on) {
        Rotation.Outcome<List<Rotation.Pickup>> drained = desk.eventMode(on).drain(now, settings);
        desk = drained.rotation();
        pickups(drained.result());
    }

    /** R-REC-8: the MANAGER assigns a waiting customer; false when refused. */
    boolean assign(String visit, String rep) {
        Rotation.Outcome<Rotation.Pickup> assigned;
        try {
            assigned = desk.assign(visit, rep, now, settings);
        } catch (ProblemException refused) {
            return false;
        }
        desk = assigned.rotation();
        pickups(List.of(assigned.result()));
        Rotation.Outcome<List<Rotation.Pickup>> drained = desk.drain(now, settings);
        desk = drained.rotation();
        pickups(drained.result());
        return true;
    }

    void leave(String visit) {
        Rotation.Outcome<Rotation.Waiting> left = desk.leave(visit);
        Rotation.Outcome<List<Rotation.Pickup>> drained = left.rotation().drain(now, settings);
        desk = drained.rotation();
        register.put(visit, register.get(visit).left(now, left.result().waited(now)));
        Customer customer = byVisit(visit);
        customers.put(customer.id(), customer.left(visit, now));
        pickups(drained.result());
    }

    // ================================================================== the archive (VerifyingComplaints, FindingEarlierRep, …)

    boolean checkComplaint(String phone, String visit, boolean verified) {
        Customer customer = byPhone(phone).orElseThrow();
        try {
            customers.put(customer.id(), customer.complaintChecked(Complaint.idFor(visit), verified, "SUP", now, verified ? "属实" : "不属实"));
            return true;
        } catch (ProblemException refused) {
            return false;
        }
    }

    boolean earlierRepFound(String visit, String earlier, String followUpBy) {
        Customer customer = byVisit(visit);
        VisitRecord before = customer.visit(visit).orElseThrow();
        Customer after;
        try {
            after = customer.earlierRepFound(visit, byPhone(earlier).orElseThrow(), followUpBy, now, settings, zone, id -> id);
        } catch (ProblemException refused) {
            return false;
        }
        customers.put(after.id(), after);
        String givenBack = after.visit(visit).orElseThrow().turnGivenBackTo();
        // Reconciling: the turn is given back on the desk of the visit's day
        Visit entry = register.get(visit);
        if (givenBack != null && before.turnGivenBackTo() == null && entry != null && entry.day().equals(desk.day())) {
            desk = desk.turnGivenBack(givenBack, visit);
        }
        return true;
    }

    /** R-ATT-15: the MANAGER's draw; answers who got which customer (phone → rep). */
    Map<String, String> redistribute(String from, List<String> among, long seed) {
        List<Draw.Ticket> tickets = customers.values().stream().filter(c -> from.equals(c.owner().orElse(null)))
                .map(c -> new Draw.Ticket(c.id(), c.archiveNo())).toList();
        Draw draw = Draw.of("d" + seed, SITE, from, among, seed, tickets, "长假", "MGR", now);
        Map<String, String> drawn = new TreeMap<>();
        for (Draw.Assignment assignment : draw.assignments()) {
            Customer customer = customers.get(assignment.customerId());
            customers.put(customer.id(), customer.redistributed(from, assignment.toRep(), now));
            drawn.put(phoneKey(customer), assignment.toRep());
        }
        return drawn;
    }

    /** R-ATT-17: a big deposit signed by {@code rep}: the deal keeps the shares valid now (FixingDealCredit). */
    void deal(String key, String phone, String rep) {
        Customer customer = byPhone(phone).orElseThrow();
        Credit credit = Credit.at(customer, now, settings, zone, rep, id -> id);
        customers.put(customer.id(), customer.withDeal(new DealCredit(key, now, credit.shares(), credit.ruleId(), credit.explanation(),
                credit.needsManagerRuling(), "PROVISIONAL")));
        deals.put(key, new Snapshot.DealView(shares(credit.shares()), credit.needsManagerRuling()));
    }

    // ================================================================== what the office looks like

    private static String phoneKey(Customer customer) {
        String phone = customer.phones().get(0);
        return "P" + phone.charAt(phone.length() - 1);
    }

    private static List<String> shares(List<Share> shares) {
        return shares.stream().map(s -> RulesModel.share(s.userId(), s.credit().toPlainString(), s.bonusPercent())).sorted().toList();
    }

    Snapshot snapshot() {
        Map<String, String> status = new TreeMap<>();
        Map<String, Integer> owed = new TreeMap<>();
        Map<String, String> serving = new TreeMap<>();
        for (Rotation.Rep rep : desk.order()) {
            status.put(rep.userId(), rep.status().name());
            owed.put(rep.userId(), rep.owed());
            if (rep.serving() != null) {
                serving.put(rep.userId(), rep.serving().visitId());
            }
            if (rep.heldFor() != null) {
                throw new AssertionError("a rep is held for nobody: " + rep);
            }
        }
        Map<String, Snapshot.VisitView> visits = new LinkedHashMap<>();
        register.forEach((key, entry) -> {
            if (entry.state() == Visit.State.REJECTED) {
                return;
            }
            VisitRecord card = byVisit(key).visit(key).orElseThrow();
            visits.put(key, new Snapshot.VisitView(entry.state().name(), card.server(), card.usesTurn(), card.namedTurnOf(), card.ruleId(),
                    card.turnGivenBackTo()));
        });
        Map<String, Snapshot.PersonView> people = new LinkedHashMap<>();
        for (Customer customer : customers.values()) {
            Claim claim = customer.currentClaim().orElse(null);
            Credit credit = Credit.at(customer, now, settings, zone, null, id -> id);
            Map<String, String> complaints = new TreeMap<>();
            customer.complaints().forEach(c -> complaints.put(c.visitId(), c.status()));
            people.put(phoneKey(customer), new Snapshot.PersonView(claim == null ? null : claim.rep(),
                    claim != null && claim.validAt(now, settings, zone), claim == null ? null : claim.validUntil(now, settings, zone),
                    shares(credit.shares()), credit.needsManagerRuling(), complaints));
        }
        return new Snapshot(desk.order().stream().map(Rotation.Rep::userId).toList(), status, owed, serving,
                desk.queue().stream().map(Rotation.Waiting::visitId).toList(), desk.eventMode(), visits, people, new LinkedHashMap<>(deals));
    }

    /** Where the two services' records of a visit disagree: the register and the customer's card. */
    List<String> disagreements() {
        List<String> out = new ArrayList<>();
        register.forEach((key, entry) -> {
            if (entry.state() == Visit.State.REJECTED) {
                return;
            }
            VisitRecord card = byVisit(key).visit(key).orElseThrow();
            boolean served = entry.state() == Visit.State.SERVING || entry.state() == Visit.State.SEEN_OFF;
            if (served && (!java.util.Objects.equals(entry.servedBy(), card.server()) || entry.usedTurn() != card.usesTurn()
                    && card.turnGivenBackTo() == null)) {
                out.add("visit " + key + ": the register says " + entry.servedBy() + (entry.usedTurn() ? " on a turn" : "")
                        + ", the customer's card " + card.server() + (card.usesTurn() ? " on a turn" : ""));
            }
            if (entry.state() == Visit.State.WAITING && !card.waiting()) {
                out.add("visit " + key + " waits at the desk but not on the customer's card: " + card);
            }
        });
        return out;
    }

    private static Statement statement(Said said) {
        return new Statement(said.firstVisit(), said.named(), said.askedFor(), said.refuses(), said.complaint(), said.forgot(),
                said.broughtBy() == null ? null : e164(said.broughtBy()), said.household() == null ? null : e164(said.household()),
                said.discount(), said.assignedTo());
    }

    static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    static Comparator<String> byName() {
        return Comparator.naturalOrder();
    }
}
