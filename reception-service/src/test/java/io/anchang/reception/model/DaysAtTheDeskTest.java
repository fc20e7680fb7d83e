package io.anchang.reception.model;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random days at the desk — walk-ins new and returning, reps asked for or named, refusals, complaints and their
 * rulings, reps OUT and back, see-offs, event mode and the MANAGER's assignments, customers leaving the queue, calls,
 * households and friends, forgotten reps found, redistributions, deals, days and months passing — played on the real
 * domain of reception-service and customer-service and on the model of RULES.md; after every step who serves, the
 * turns, the queue, the owners and their protection, complaints and the shares must be the same. A failure prints the
 * steps, shrunk, ready to go into {@link DaysAtTheDeskRegressionTest}.
 */
class DaysAtTheDeskTest {

    private static final AtomicInteger DAYS = new AtomicInteger();
    private static final AtomicInteger CHAINS = new AtomicInteger();
    private static volatile boolean failed;

    @Property(tries = 2000, afterFailure = net.jqwik.api.AfterFailureMode.SAMPLE_FIRST)
    @Label("R-REC-1 R-REC-2 R-REC-3 R-REC-5 R-REC-6 R-REC-7 R-REC-8 R-REC-9 R-ATT-1 R-ATT-2 R-ATT-3 R-ATT-4 R-ATT-5 R-ATT-6 R-ATT-7 "
            + "R-ATT-8 R-ATT-9 R-ATT-10 R-ATT-11 R-ATT-13 R-ATT-14 R-ATT-15 R-ATT-17 random days at the desk: the domain of both "
            + "services does after every step what the model of RULES.md says")
    void theDomainDoesWhatTheRulesSay(@ForAll("days") ActionChain<Day> chain) {
        try {
            chain.run();
        } catch (AssertionError | RuntimeException disagreement) {
            failed = true;
            throw disagreement;
        }
        chain.finalState().ifPresent(day -> {
            DAYS.addAndGet(day.days());
            CHAINS.incrementAndGet();
        });
    }

    @AfterContainer
    static void enoughDays() {
        System.out.println("DaysAtTheDeskTest: " + DAYS.get() + " days at the desk in " + CHAINS.get() + " runs");
        if (!failed) {
            assertThat(DAYS.get()).as("days generated").isGreaterThanOrEqualTo(1000);
        }
    }

    @Provide
    Arbitrary<ActionChain<Day>> days() {
        return ActionChain.startWith(() -> Day.withRotation("A", "B", "C", "D"))
                .withAction(12, walkIn())
                .withAction(7, when(d -> !d.model.servedVisits().isEmpty(), d -> Arbitraries.of(d.model.servedVisits())
                        .map(v -> Transformer.mutate("seeOff " + v, day -> day.minutesLater(10).seeOff(v)))))
                .withAction(2, when(d -> !outable(d).isEmpty(), d -> Arbitraries.of(outable(d))
                        .map(r -> Transformer.mutate("out " + r, day -> day.minutesLater(5).out(r)))))
                .withAction(2, when(d -> !outReps(d).isEmpty(), d -> Arbitraries.of(outReps(d))
                        .map(r -> Transformer.mutate("back " + r, day -> day.minutesLater(5).back(r)))))
                .withAction(1, when(d -> true, d -> Arbitraries.just(Transformer.mutate("eventMode " + !d.model.eventModeOn(),
                        day -> day.minutesLater(5).eventMode(!day.model.eventModeOn())))))
                .withAction(2, when(d -> !d.model.waitingVisits().isEmpty(), d -> Combinators.combine(
                                Arbitraries.of(d.model.waitingVisits()), Arbitraries.of(Day.REPS))
                        .as((v, r) -> Transformer.mutate("assign " + v + " " + r, day -> day.minutesLater(3).assign(v, r)))))
                .withAction(1, when(d -> !d.model.waitingVisits().isEmpty(), d -> Arbitraries.of(d.model.waitingVisits())
                        .map(v -> Transformer.mutate("leave " + v, day -> day.minutesLater(3).leave(v)))))
                .withAction(2, when(d -> !away(d).isEmpty(), d -> Combinators.combine(Arbitraries.of(away(d)), Arbitraries.of(Day.REPS))
                        .as((p, r) -> Transformer.mutate("call " + p + " " + r, day -> day.minutesLater(5).call(p, r)))))
                .withAction(3, when(d -> !checkable(d).isEmpty(), d -> Combinators.combine(Arbitraries.of(checkable(d)),
                                Arbitraries.of(true, false))
                        .as((c, verified) -> Transformer.mutate("check " + c[1] + " " + verified,
                                day -> day.minutesLater(20).checkComplaint(c[0], c[1], verified)))))
                .withAction(2, when(d -> !d.model.forgottenVisits().isEmpty() && d.model.known("P0"), d -> Combinators.combine(
                                Arbitraries.of(d.model.forgottenVisits()), Arbitraries.of(Day.PHONES), Arbitraries.of(Day.STAFF))
                        .as((v, p, r) -> Transformer.mutate("earlier " + v + " " + p + " " + r, day -> {
                            String phone = day.model.phoneOf(v).orElse(null);
                            if (day.model.known(p) && !p.equals(phone) && !day.model.atTheDesk().contains(phone)) {
                                day.minutesLater(5).earlierRepFound(v, p, r);
                            }
                        }))))
                .withAction(1, when(d -> d.model.waitingVisits().isEmpty(), d -> Combinators.combine(Arbitraries.of(Day.REPS),
                                Arbitraries.integers().between(0, 3), Arbitraries.longs().between(1, 1_000))
                        .as((from, skip, seed) -> Transformer.mutate("redistribute " + from + " " + seed, day -> {
                            List<String> among = new ArrayList<>(Day.REPS.stream().filter(r -> !r.equals(from)).toList());
                            if (skip < among.size()) {
                                among.remove((int) skip);
                            }
                            day.minutesLater(10).redistribute(from, among, seed);
                        }))))
                .withAction(2, when(d -> !awayKnown(d).isEmpty(), d -> Combinators.combine(Arbitraries.of(awayKnown(d)),
                                Arbitraries.of(Day.REPS))
                        .as((p, r) -> Transformer.mutate("deal " + p + " " + r, day -> day.minutesLater(15).deal(p, r)))))
                .withAction(3, when(d -> true, d -> Combinators.combine(laterDays(), Arbitraries.shuffle(Day.REPS))
                        .as((later, order) -> Transformer.mutate("daysLater " + later + " " + order,
                                day -> day.daysLater(later, order)))))
                .withMaxTransformations(70);
    }

    private static Action.Dependent<Day> walkIn() {
        return when(d -> !away(d).isEmpty(), d -> Combinators.combine(Arbitraries.of(away(d)), said(d), Arbitraries.integers().between(1, 20))
                .filter((phone, said, minutes) -> !phone.equals(said.broughtBy()) && !phone.equals(said.household()))
                .as((phone, said, minutes) -> Transformer.mutate("walkIn " + phone + " " + said,
                        day -> day.minutesLater(minutes).walkIn(phone, said))));
    }

    /** What a customer says, weighted as a desk hears it. */
    private static Arbitrary<Said> said(Day d) {
        Arbitrary<String> staff = Arbitraries.of(Day.STAFF);
        Arbitrary<String> phones = Arbitraries.of(Day.PHONES);
        List<Arbitrary<Said>> options = new ArrayList<>(List.of(
                Arbitraries.just(Said.nothing()), Arbitraries.just(Said.onFirstVisit()), Arbitraries.just(Said.cameBefore()),
                Arbitraries.just(Said.forgotWhom()), Combinators.combine(staff, Arbitraries.of(true, false)).as(Said::asksFor),
                staff.map(Said::bargainsWith), Combinators.combine(staff, staff).as((a, b) -> Said.names(a, b)),
                Arbitraries.just(Said.refusesOwner()), Arbitraries.just(Said.complains("态度不好")), phones.map(Said::broughtBy),
                phones.map(Said::household)));
        List<Integer> weights = new ArrayList<>(List.of(4, 2, 3, 2, 4, 1, 2, 4, 4, 2, 2));
        if (d.model.eventModeOn()) {
            options.add(Arbitraries.of(Day.REPS).map(Said::assigned));
            weights.add(6);
        }
        List<net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Said>>> frequencies = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            frequencies.add(net.jqwik.api.Tuple.of(weights.get(i), options.get(i)));
        }
        return Arbitraries.frequencyOf(frequencies.toArray(net.jqwik.api.Tuple.Tuple2[]::new));
    }

    /** Mostly the next day; often across the two months' protection (R-ATT-2). */
    private static Arbitrary<Integer> laterDays() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 3)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(4, 40)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(55, 65)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(66, 120)));
    }

    private static Action.Dependent<Day> when(java.util.function.Predicate<Day> precondition,
                                              java.util.function.Function<Day, Arbitrary<Transformer<Day>>> transformer) {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(Day day) {
                return precondition.test(day);
            }

            @Override
            public Arbitrary<Transformer<Day>> transformer(Day day) {
                return transformer.apply(day);
            }
        };
    }

    /** Phones of people not at the desk now: one person is not served twice at once. */
    private static List<String> away(Day d) {
        return Day.PHONES.stream().filter(p -> !d.model.atTheDesk().contains(p)).toList();
    }

    private static List<String> awayKnown(Day d) {
        return away(d).stream().filter(d.model::known).toList();
    }

    private static List<String> outable(Day d) {
        return d.model.reps().stream().filter(r -> "AVAILABLE".equals(d.model.statusOf(r))).toList();
    }

    private static List<String> outReps(Day d) {
        return d.model.reps().stream().filter(r -> "OUT".equals(d.model.statusOf(r))).toList();
    }

    /**
     * Pending complaints of customers who are not at the desk again meanwhile (a decision on a visit that is under way
     * reads the claims as of its arrival; changing them under it is not a day at the desk) — the customer of the
     * complaint's own visit may still wait, which the SUPERVISOR is refused.
     */
    private static List<String[]> checkable(Day d) {
        return d.model.pendingComplaints().stream()
                .filter(c -> !d.model.atTheDesk().contains(c[0]) || d.model.waitingVisits().contains(c[1])).toList();
    }
}
