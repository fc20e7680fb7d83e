package io.anchang.reception.domain;

import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.problem.ProblemException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.anchang.reception.domain.RotationFixture.DEFAULTS;
import static io.anchang.reception.domain.RotationFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random days at the desk — walk-ins, seeing off, reps going out and coming back, turns given
 * back, event mode on and off, assignments, waiting customers leaving, a walk-in placed a second
 * time (a recovery racing the process it recovers) — and what must hold after every step: owed
 * turns never go negative, no customer is ever left unserved (each is served, waiting, seen off
 * or gone, and nobody waits while a rep is free), and no rep serves two customers at once.
 */
class RotationPropertiesTest {

    private static final List<String> REPS = List.of("A", "B", "C", "D");

    record Action(int kind, int rep, int pick) {
    }

    @Provide
    Arbitrary<List<Action>> days() {
        return Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 50)).as(Action::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 400)
    @Label("R-REC-2 R-REC-9 R-REC-1 over random days: owed turns never negative, no customer unserved, no turn handed out twice")
    void theDeskNeverLosesACustomer(@ForAll("days") List<Action> day) {
        Rotation desk = RotationFixture.rotation("A", "B", "C", "D");
        List<String> arrived = new ArrayList<>();
        Set<String> seenOff = new HashSet<>();
        Set<String> left = new HashSet<>();
        int visits = 0;
        for (Action action : day) {
            String rep = REPS.get(action.rep());
            try {
                switch (action.kind()) {
                    case 0, 1, 2, 3 -> {
                        String visit = "v" + visits++;
                        arrived.add(visit);
                        desk = RotationFixture.walkIn(desk, visit);
                    }
                    case 4, 5 -> {
                        List<Rotation.Rep> busy = desk.order().stream().filter(r -> r.serving() != null).toList();
                        if (!busy.isEmpty()) {
                            String visit = busy.get(action.pick() % busy.size()).serving().visitId();
                            desk = desk.seeOff(visit).rotation().drain(NOW, DEFAULTS).rotation();
                            seenOff.add(visit);
                        }
                    }
                    case 6 -> desk = desk.status(rep, null, RepStatus.OUT);
                    case 7 -> desk = desk.status(rep, null, RepStatus.AVAILABLE).drain(NOW, DEFAULTS).rotation();
                    case 8 -> desk = desk.turnGivenBack(rep, "v" + action.pick());
                    case 10 -> {
                        if (!desk.queue().isEmpty()) {
                            String visit = desk.queue().get(action.pick() % desk.queue().size()).visitId();
                            desk = desk.leave(visit).rotation().drain(NOW, DEFAULTS).rotation();
                            left.add(visit);
                        }
                    }
                    case 11 -> {
                        List<String> present = arrived.stream().filter(v -> !seenOff.contains(v) && !left.contains(v)).toList();
                        if (!present.isEmpty()) {
                            desk = RotationFixture.walkIn(desk, present.get(action.pick() % present.size()));
                        }
                    }
                    default -> {
                        desk = desk.eventMode(!desk.eventMode()).drain(NOW, DEFAULTS).rotation();
                        if (desk.eventMode() && !desk.queue().isEmpty() && desk.rep(rep).orElseThrow().free()) {
                            desk = desk.assign(desk.queue().get(0).visitId(), rep, NOW, DEFAULTS).rotation();
                        }
                    }
                }
            } catch (ProblemException refused) {
                // a refused change (a serving rep cannot go out) changes nothing
            }
            check(desk, arrived, seenOff, left);
        }
    }

    private static void check(Rotation desk, List<String> arrived, Set<String> seenOff, Set<String> left) {
        assertThat(desk.order()).allSatisfy(r -> assertThat(r.owed()).as("owed turns of " + r.userId()).isNotNegative());
        Set<String> serving = new HashSet<>();
        for (Rotation.Rep rep : desk.order()) {
            if (rep.serving() != null) {
                assertThat(serving.add(rep.serving().visitId())).as("a customer served by two reps").isTrue();
                assertThat(rep.status()).isEqualTo(RepStatus.BUSY);
            }
            assertThat(rep.heldFor()).as("no rep stays held between visits").isNull();
        }
        Set<String> waiting = new HashSet<>();
        desk.queue().forEach(w -> waiting.add(w.visitId()));
        for (String visit : arrived) {
            int places = (serving.contains(visit) ? 1 : 0) + (waiting.contains(visit) ? 1 : 0) + (seenOff.contains(visit) ? 1 : 0)
                    + (left.contains(visit) ? 1 : 0);
            assertThat(places).as(visit + " is served, waiting, seen off or gone — exactly one").isEqualTo(1);
        }
        if (!desk.eventMode() && !desk.queue().isEmpty()) {
            assertThat(desk.order()).as("nobody waits while a rep is free").noneMatch(Rotation.Rep::free);
        }
    }
}
