package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.api.attribution.Statement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import static io.anchang.customer.domain.CustomerFixture.DEFAULTS;
import static io.anchang.customer.domain.CustomerFixture.T0;
import static io.anchang.customer.domain.CustomerFixture.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random visit histories of one customer — any statement, any desk, any gaps between visits,
 * complaints checked either way, redistributions and rulings — and what must hold after every
 * step: shares sum to 100 and credit to one sale, exactly one owner at a time, an expired claim
 * never earns, and no customer is ever left unserved while a rep is free.
 */
class AttributionPropertiesTest {

    private static final List<String> REPS = List.of("A", "B", "C", "D");

    /** One step of a history. */
    record Step(int kind, String rep, String other, List<RepStatus> statuses, int upIndex, long gapHours, boolean verdict) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 12),
                Arbitraries.of(REPS),
                Arbitraries.of(REPS),
                Arbitraries.of(RepStatus.values()).list().ofSize(REPS.size()),
                Arbitraries.integers().between(-1, REPS.size() - 1),
                Arbitraries.longs().between(0, 24 * 40),
                Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 300)
    @Label("R-ATT-17 R-ATT-2 R-ATT-3 over random visit histories: shares sum to 100 and credit to one sale, one owner at a time, an expired claim never earns, nobody unserved while a rep is free")
    void invariantsHoldOverAnyHistory(@ForAll("histories") List<Step> history) {
        play(history, T0, "c1", "SH01-000001", "+8613800138000", (customer, now) -> {
            assertThat(customer.claims().stream().anyMatch(c -> !c.ended())).as("once registered, someone owns the customer").isTrue();
            holdsAfter(customer, now);
        });
    }

    @Property(tries = 200)
    @Label("R-CUS-3 R-ATT-17 R-ATT-2 any two records of one person merged: the earliest registration survives with every visit and phone, one owner at a time, shares whole, an expired claim never earns")
    void anyTwoHistoriesMergeIntoOne(@ForAll("histories") List<Step> first, @ForAll("histories") List<Step> second,
                                     @ForAll @LongRange(max = 24 * 90) long hoursLater) {
        Instant[] last = {T0};
        BiConsumer<Customer, Instant> latest = (customer, now) -> last[0] = now.isAfter(last[0]) ? now : last[0];
        Customer one = play(first, T0, "c1", "SH01-000001", "+8613800138000", latest);
        Customer two = play(second, T0.plus(Duration.ofHours(hoursLater)), "c2", "SH01-000002", "+8613900139000", latest);
        Assume.that(one != null && two != null);
        Customer survivor = Customer.earliest(one, two);
        Customer absorbed = survivor == one ? two : one;
        Instant at = last[0].plus(Duration.ofHours(1));
        Customer marked = absorbed.markedForMerge(Merge.idOf(survivor.id(), absorbed.id()), survivor.id(), "MGR", at, "同一人");

        Customer merged = survivor.absorb(marked, instant -> DEFAULTS, ZONE, id -> id);

        assertThat(merged.registeredAt()).isEqualTo(survivor.registeredAt());
        assertThat(merged.visits()).hasSize(one.visits().size() + two.visits().size());
        assertThat(merged.phones()).containsExactlyInAnyOrder("+8613800138000", "+8613900139000");
        assertThat(merged.absorb(marked, instant -> DEFAULTS, ZONE, id -> id)).isSameAs(merged);
        assertThat(merged.owner().isPresent()).isEqualTo(one.owner().isPresent() || two.owner().isPresent());
        if (one.owner().isPresent() && two.owner().isPresent() && !one.owner().equals(two.owner())) {
            String kept = merged.owner().orElseThrow();
            Claim lost = (kept.equals(one.owner().get()) ? two : one).currentClaim().orElseThrow();
            // (a claim of that rep that had ended before, at the same moment, may stand beside it: R-ATT-15 to the same rep)
            Claim ended = merged.claims().stream().filter(c -> c.rep().equals(lost.rep()) && c.since().equals(lost.since()))
                    .filter(c -> "R-ATT-2".equals(c.endedRule()) || "R-CUS-3".equals(c.endedRule())).findFirst().orElse(null);
            assertThat(ended).as("a claim that does not stand ended by a rule: " + merged.claims()).isNotNull();
            if ("R-CUS-3".equals(ended.endedRule())) {
                assertThat(merged.disputes()).as("a claim the rules could not decide on is before the MANAGER (R-ATT-16)")
                        .anySatisfy(d -> assertThat(d.open() && d.parties().containsAll(List.of(kept, lost.rep()))).isTrue());
            }
        }
        holdsAfter(merged, at);
    }

    /** A history played on a new record; {@code check} sees the record after every step; null if the customer never got served. */
    private static Customer play(List<Step> history, Instant start, String id, String archiveNo, String phone,
                                 BiConsumer<Customer, Instant> check) {
        AttributionRules rules = CustomerFixture.rules();
        Customer customer = null;
        Instant now = start;
        for (Step step : history) {
            now = now.plus(Duration.ofHours(step.gapHours()));
            if (customer != null && step.kind() >= 10) {
                customer = administrative(customer, step, now);
            } else {
                Desk desk = desk(step);
                AttributionRequest request = new AttributionRequest(UUID.randomUUID().toString(), Channel.VISIT, phone, null,
                        now, "desk", statement(step), desk, null, false);
                Decision decision = rules.decide(customer, null, null, request);
                neverLeftUnserved(decision, desk, customer, request.statement());
                Customer base = customer != null ? customer : Customer.register(id, "SH01", archiveNo, phone, null,
                        "VISIT", now, "desk", null, null);
                Customer next = base.apply(decision, request.visitId(), Channel.VISIT, now, ZONE, request.statement());
                customer = decision.waiting() && customer == null ? null : next;
            }
            if (customer != null) {
                check.accept(customer, now);
            }
        }
        return customer;
    }

    /** One owner at a time, and the shares at and after {@code now} are whole and never an expired claim's. */
    private static void holdsAfter(Customer customer, Instant now) {
        assertThat(customer.oneOwnerAtMost()).as("one owner at a time").isTrue();
        for (Instant at : List.of(now, now.plus(Duration.ofHours(5)), now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(70)))) {
            creditIsWhole(customer, at);
            expiredNeverEarns(customer, at);
        }
    }

    private static void neverLeftUnserved(Decision decision, Desk desk, Customer customer, Statement said) {
        String owner = customer == null ? null : customer.owner().orElse(null);
        if (decision.waiting()) {
            boolean someoneFree = desk.upRep() != null && !desk.upRep().equals(owner)
                    || desk.reps().stream().anyMatch(r -> r.status() == RepStatus.AVAILABLE && !r.userId().equals(owner));
            // the customer's wish decides (R-ATT-3): an owner they turn down or complain about is not a rep who can serve them
            boolean turnedDown = said.refusesOwner() || said.complaint() != null;
            boolean ownerFree = owner != null && desk.free(owner) && !turnedDown;
            assertThat(someoneFree && desk.upRep() != null || ownerFree && decision.preferredRep() == null)
                    .as("a customer waits only when no rep can serve: " + decision + " at " + desk).isFalse();
        } else {
            assertThat(decision.server()).isNotNull();
            assertThat(desk.free(decision.server())).as("the server is free: " + decision.server() + " at " + desk).isTrue();
        }
    }

    private static void creditIsWhole(Customer customer, Instant at) {
        Credit credit = Credit.at(customer, at, DEFAULTS, ZONE, null, id -> id);
        if (credit.shares().isEmpty()) {
            return;
        }
        assertThat(credit.bonusTotal()).as("bonus shares sum to 100: " + credit).isEqualTo(100);
        assertThat(credit.creditTotal()).as("credit sums to one sale: " + credit).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(credit.shares()).allSatisfy(s -> assertThat(s.bonusPercent()).isBetween(0, 100));
        Credit withDealRep = Credit.at(customer, at, DEFAULTS, ZONE, "A", id -> id);
        assertThat(withDealRep.bonusTotal()).isEqualTo(100);
    }

    private static void expiredNeverEarns(Customer customer, Instant at) {
        Claim standing = customer.claimStandingAt(at).orElse(null);
        Credit credit = Credit.at(customer, at, DEFAULTS, ZONE, null, id -> id);
        if (standing == null || !standing.validAt(at, DEFAULTS, ZONE)) {
            assertThat(credit.shares()).as("no protected claim at " + at + ": nobody earns").isEmpty();
            return;
        }
        List<String> entitled = new ArrayList<>();
        entitled.add(standing.rep());
        entitled.add(Credit.DEPARTMENT);
        customer.arrangements().stream().filter(a -> !a.at().isBefore(standing.since()) && !a.at().isAfter(at)).forEach(a -> {
            entitled.add(a.holder());
            entitled.add(a.other());
            a.shares().forEach(s -> entitled.add(s.userId()));
        });
        assertThat(credit.shares()).extracting(Share::userId).allSatisfy(rep -> assertThat(entitled).contains(rep));
    }

    private static Customer administrative(Customer customer, Step step, Instant now) {
        return switch (step.kind()) {
            // a complaint whose customer still waits for another rep cannot be checked yet (R-ATT-6)
            case 10 -> customer.complaints().stream().filter(Complaint::pending).filter(c -> c.lodgedBy() != null).findFirst()
                    .map(c -> customer.complaintChecked(c.id(), step.verdict(), "SUP", now, "checked")).orElse(customer);
            case 11 -> customer.owner().map(owner -> customer.redistributed(owner, step.rep(), now)).orElse(customer);
            default -> {
                String id = UUID.randomUUID().toString();
                Customer disputed = customer.disputeOpened(id, List.of(step.rep(), step.other()), step.rep(), now, "交叉");
                List<Share> shares = step.rep().equals(step.other()) ? List.of(new Share(step.rep(), new BigDecimal("1.00"), 100))
                        : List.of(new Share(step.rep(), new BigDecimal("0.50"), 50), new Share(step.other(), new BigDecimal("0.50"), 50));
                yield disputed.disputeRuled(id, step.verdict() ? "RULED" : "DEPARTMENT", step.rep(), shares, "裁定", "MGR", now, ZONE);
            }
        };
    }

    private static Desk desk(Step step) {
        List<Desk.DeskRep> reps = new ArrayList<>();
        for (int i = 0; i < REPS.size(); i++) {
            reps.add(new Desk.DeskRep(REPS.get(i), REPS.get(i), step.statuses().get(i)));
        }
        // the desk holds the rotation's rep for the visit: only a free rep can be up
        String up = step.upIndex() >= 0 && step.statuses().get(step.upIndex()) == RepStatus.AVAILABLE ? REPS.get(step.upIndex())
                : reps.stream().filter(r -> r.status() == RepStatus.AVAILABLE).map(Desk.DeskRep::userId).findFirst().orElse(null);
        String onDeck = up == null ? null : reps.stream().filter(r -> r.status() == RepStatus.AVAILABLE && !r.userId().equals(up))
                .map(Desk.DeskRep::userId).findFirst().orElse(null);
        return new Desk(up, false, reps, onDeck);
    }

    private static Statement statement(Step step) {
        return switch (step.kind()) {
            case 1 -> new Statement(false, List.of(), null, true, null, false, null, null, false, null);
            case 2 -> new Statement(false, List.of(), null, false, "投诉", false, null, null, false, null);
            case 3 -> new Statement(false, List.of(), null, false, null, true, null, null, false, null);
            case 4 -> new Statement(true, List.of(), step.rep(), false, null, false, null, null, false, null);
            case 5 -> new Statement(false, List.of(), step.rep(), false, null, false, null, null, false, null);
            case 6 -> new Statement(false, List.of(step.rep(), step.other()), null, false, null, false, null, null, false, null);
            case 7 -> new Statement(false, List.of(), step.rep(), false, null, false, null, null, true, null);
            default -> Statement.none();
        };
    }

    @Property(tries = 50)
    @Label("R-ATT-15 any seed: the same seed gives the same draw, and every customer goes to exactly one of the reps")
    void drawsAreReproducible(@ForAll long seed, @ForAll("customerCounts") int customers) {
        List<Draw.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            tickets.add(new Draw.Ticket("c" + i, String.format("SH01-%06d", i)));
        }
        Draw one = Draw.of("x", "SH01", "B", List.of("A", "C"), seed, tickets, "调离", "MGR", T0);
        assertThat(Draw.of("y", "SH01", "B", List.of("C", "A"), seed, tickets, "调离", "MGR", T0).assignments()).isEqualTo(one.assignments());
        assertThat(one.assignments()).hasSize(customers).allSatisfy(a -> assertThat(a.toRep()).isIn("A", "C"));
    }

    @Provide
    Arbitrary<Integer> customerCounts() {
        return Arbitraries.integers().between(0, 40);
    }

}
