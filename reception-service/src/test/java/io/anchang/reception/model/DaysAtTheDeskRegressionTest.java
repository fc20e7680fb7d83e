package io.anchang.reception.model;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days at the desk where the domain and the model of RULES.md disagreed, as {@link DaysAtTheDeskTest} found them and
 * {@link Replay} shrank them: the corners of issue 11 (each found again by putting the old behaviour back into the
 * domain), and the corners where the model had read the rules wrong. Every step is checked as in the property — the
 * domain of both services against the model — and the last asserts what the rule says in so many words.
 */
class DaysAtTheDeskRegressionTest {

    @Test
    @DisplayName("R-ATT-5 shrunk: a customer turns down their owner, the only free rep: the customer waits for the next other rep; the owner stays free")
    void aCustomerWhoTurnsDownTheOnlyFreeOwnerWaits() {
        Day day = Day.withRotation("A", "B", "C", "D");
        String first = day.walkIn("P3", Said.asksFor("C", true));
        day.walkIn("P1", Said.nothing());
        day.walkIn("P4", Said.refusesOwner());
        day.walkIn("P5", Said.complains("态度不好"));
        day.seeOff(first);

        String refusal = day.walkIn("P3", Said.refusesOwner());

        Snapshot domain = day.office.snapshot();
        assertThat(domain.queue()).containsExactly(refusal);
        assertThat(domain.status().get("C")).isEqualTo("AVAILABLE");
        assertThat(domain.visits().get(refusal).ruleId()).isEqualTo("R-ATT-5");
    }

    @Test
    @DisplayName("R-ATT-6 shrunk: while a complaint about D waits for the SUPERVISOR, D stays owner of record; the serving rep is credited 80/20, flagged for the MANAGER")
    void aPendingComplaintLeavesTheOwnerOfRecord() {
        Day day = Day.withRotation("A", "B", "C", "D");
        day.call("P0", "D");

        String complaint = day.walkIn("P0", Said.complains("态度不好"));

        Snapshot.PersonView p0 = day.office.snapshot().people().get("P0");
        assertThat(day.office.snapshot().visits().get(complaint).server()).isEqualTo("A");
        assertThat(p0.owner()).isEqualTo("D");
        assertThat(p0.shares()).containsExactly("A 1.00 80", "D 0.00 20");
        assertThat(p0.flagged()).isTrue();
        assertThat(p0.complaints()).containsEntry(complaint, "PENDING");
    }

    @Test
    @DisplayName("R-ATT-11 shrunk: the rep asked for by name on a later visit is busy: the free owner serves (R-ATT-4) and stays owner")
    void aBusyRepAskedForLeavesTheCustomerToTheFreeOwner() {
        Day day = Day.withRotation("A", "B", "C", "D");
        String first = day.walkIn("P0", Said.asksFor("A", true));
        day.redistribute("A", List.of("C", "D"), 26L);
        day.walkIn("P2", Said.onFirstVisit());
        day.walkIn("P3", Said.nothing());
        day.seeOff(first);
        String owner = day.office.snapshot().people().get("P0").owner();

        String asked = day.walkIn("P0", Said.asksFor("B", true));

        Snapshot domain = day.office.snapshot();
        assertThat(domain.visits().get(asked).server()).isEqualTo(owner);
        assertThat(domain.visits().get(asked).ruleId()).isEqualTo("R-ATT-4");
        assertThat(domain.people().get("P0").owner()).isEqualTo(owner);
    }

    @Test
    @DisplayName("R-REC-6 shrunk: a first-time customer asks for the up rep by name: it is that rep's own turn — to the back of the order")
    void aNamedFirstVisitSendsTheNamedRepToTheBack() {
        Day day = Day.withRotation("A", "B", "C", "D");

        day.walkIn("P1", Said.asksFor("A", true));

        assertThat(day.office.snapshot().order()).containsExactly("B", "C", "D", "A");
    }

    @Test
    @DisplayName("R-REC-6 a first-time customer asks for a busy rep: a helper receives without a turn, the named rep goes to the back; asked for again while owed a make-up turn, they keep it")
    void aNamedRepWhoCannotServeStillUsesTheirTurnAndKeepsAnOwedOne() {
        Day day = Day.withRotation("A", "B", "C", "D");
        day.walkIn("P0", Said.nothing());
        day.walkIn("P1", Said.nothing());
        assertThat(day.office.snapshot().order()).containsExactly("C", "D", "A", "B");

        String helped = day.walkIn("P2", Said.asksFor("A", true));

        Snapshot domain = day.office.snapshot();
        assertThat(domain.visits().get(helped).server()).isEqualTo("C");
        assertThat(domain.visits().get(helped).namedTurnOf()).isEqualTo("A");
        assertThat(domain.order()).containsExactly("C", "D", "B", "A");

        day.out("D");
        day.seeOff("v1");
        day.walkIn("P3", Said.nothing());
        day.back("D");
        assertThat(day.office.snapshot().owed().get("D")).isEqualTo(1);
        day.walkIn("P4", Said.asksFor("D", true));
        assertThat(day.office.snapshot().owed().get("D")).as("the owed make-up turn is kept").isEqualTo(1);
        assertThat(day.office.snapshot().order()).last().isEqualTo("D");
    }

    @Test
    @DisplayName("R-ATT-8 shrunk: none of the reps the customer names is free: the rotation applies, the up rep receives on their turn")
    void noNamedRepFreeUsesTheRotation() {
        Day day = Day.withRotation("A", "B", "C", "D");
        day.walkIn("P1", Said.nothing());

        String named = day.walkIn("P0", Said.names("A", "A"));

        Snapshot domain = day.office.snapshot();
        assertThat(domain.visits().get(named).server()).isEqualTo("B");
        assertThat(domain.visits().get(named).serversTurn()).isTrue();
        assertThat(domain.order()).containsExactly("C", "D", "A", "B");
    }

    @Test
    @DisplayName("R-ATT-17 shrunk: \"several arrangements\" counts the helper's arrangement made under the earlier owner too")
    void severalArrangementsCountAcrossOwners() {
        Day day = Day.withRotation("A", "B", "C", "D");
        day.walkIn("P3", Said.broughtBy("P2"));
        day.walkIn("P1", Said.asksFor("A", true));
        day.daysLater(1, List.of("A", "B", "C", "D"));

        day.walkIn("P1", Said.refusesOwner());

        Snapshot.PersonView p1 = day.office.snapshot().people().get("P1");
        assertThat(p1.owner()).isEqualTo("B");
        assertThat(p1.shares()).containsExactly("A 0.00 20", "B 1.00 80");
        assertThat(p1.flagged()).isTrue();
    }

    @Test
    @DisplayName("R-REC-8 R-ATT-1 shrunk: a new customer waiting when event mode ends is taken by the rotation's rep on their turn, under R-ATT-1")
    void aNewCustomerWhoWaitedThroughEventModeUsesATurn() {
        Day day = Day.withRotation("A", "B", "C", "D");
        day.eventMode(true);
        String waiting = day.walkIn("P2", Said.nothing());
        assertThat(day.office.snapshot().visits().get(waiting).serversTurn()).isTrue();

        day.eventMode(false);

        Snapshot domain = day.office.snapshot();
        assertThat(domain.visits().get(waiting).server()).isEqualTo("A");
        assertThat(domain.visits().get(waiting).ruleId()).isEqualTo("R-ATT-1");
        assertThat(domain.order()).containsExactly("B", "C", "D", "A");
    }

    @Test
    @DisplayName("R-ATT-10 R-ATT-1 the earlier rep's claim dates from the earlier customer's registration — also when that customer waited and was taken after the forgetful one came")
    void anEarlierClaimDatesFromItsRegistration() {
        Day day = Day.withRotation("A", "B");
        String first = day.walkIn("P0", Said.nothing());
        String second = day.walkIn("P1", Said.nothing());
        day.walkIn("P3", Said.nothing());
        String forgot = day.walkIn("P4", Said.forgotWhom());
        day.seeOff(first);
        day.seeOff(second);
        assertThat(day.office.snapshot().visits().get(forgot).ruleId()).isEqualTo("R-ATT-10");
        String receiver = day.office.snapshot().visits().get(forgot).server();

        day.earlierRepFound(forgot, "P3", "A");

        Snapshot domain = day.office.snapshot();
        assertThat(domain.visits().get(forgot).givenBackTo()).isEqualTo(receiver);
        assertThat(domain.people().get("P4").owner()).isEqualTo("A");
        assertThat(domain.people().get("P4").shares()).containsExactly("A 1.00 50", "B 0.00 50");
    }

    @Test
    @DisplayName("R-ATT-13 shrunk: the customer who brings a friend has a claim that has expired: the link does not count, the friend is a new customer (R-ATT-1) on the up rep's turn")
    void anExpiredLinkMakesANewCustomer() {
        Day day = Day.withRotation("A", "B", "C", "D");
        day.walkIn("P3", Said.refusesOwner());
        day.daysLater(61, List.of("C", "A", "B", "D"));
        day.walkIn("P0", Said.complains("态度不好"));
        day.out("A");
        day.walkIn("P1", Said.nothing());
        day.back("A");

        String friend = day.walkIn("P2", Said.broughtBy("P3"));

        Snapshot domain = day.office.snapshot();
        assertThat(domain.visits().get(friend).ruleId()).isEqualTo("R-ATT-1");
        assertThat(domain.visits().get(friend).serversTurn()).isTrue();
        assertThat(domain.owed().get("A")).as("A's make-up turn is repaid by the new customer").isZero();
    }

    @Test
    @DisplayName("R-ATT-14 a pass by R-ATT-5 does not move the household: the first member turned B down for A, yet a member who comes later is B's")
    void aRefusalDoesNotMoveTheHousehold() {
        Day day = Day.withRotation("A", "B", "C", "D");
        String first = day.walkIn("P0", Said.nothing());
        day.seeOff(first);
        String refusal = day.walkIn("P0", Said.refusesOwner());
        assertThat(day.office.snapshot().people().get("P0").owner()).isEqualTo("B");
        day.seeOff(refusal);

        String member = day.walkIn("P1", Said.household("P0"));

        Snapshot domain = day.office.snapshot();
        assertThat(domain.visits().get(member).ruleId()).isEqualTo("R-ATT-14");
        assertThat(domain.people().get("P1").owner()).as("A received the first member of the household").isEqualTo("A");
    }

    @Test
    @DisplayName("R-ATT-10 shrunk: the earlier rep found is the one whose claim was valid when the forgetful customer came, whatever happened to it since")
    void theEarlierClaimIsTheOneThatStoodAtTheVisit() {
        Day day = Day.withRotation("A", "B", "C", "D");
        day.walkIn("P3", Said.names("B", "B"));
        day.daysLater(3, List.of("C", "A", "B", "D"));
        String forgot = day.walkIn("P1", Said.forgotWhom());
        day.daysLater(56, List.of("C", "A", "D", "B"));
        day.daysLater(2, List.of("B", "D", "A", "C"));
        day.call("P3", "A");
        assertThat(day.office.snapshot().people().get("P3").owner()).as("B's claim expired; A holds a fresh one").isEqualTo("A");

        day.earlierRepFound(forgot, "P3", "C");

        Snapshot domain = day.office.snapshot();
        assertThat(domain.visits().get(forgot).givenBackTo()).isEqualTo("C");
        assertThat(domain.people().get("P1").shares()).containsExactly("B 0.00 50", "C 1.00 50");
    }

    @Test
    @DisplayName("R-ATT-17 shrunk: \"several arrangements\" counts since the customer's last deal — two deals the same day, nothing arranged between them, the second is not flagged")
    void severalArrangementsCountSinceTheLastDeal() {
        Day day = Day.withRotation("A", "B", "C", "D");
        day.seeOff(day.walkIn("P2", Said.forgotWhom()));
        day.seeOff(day.walkIn("P2", Said.refusesOwner()));
        day.seeOff(day.walkIn("P2", Said.asksFor("D", false)));
        day.deal("P2", "B");
        assertThat(day.office.snapshot().deals().get("d1").flagged()).as("two visits made arrangements before it").isTrue();
        day.minutesLater(15);

        day.deal("P2", "C");

        assertThat(day.office.snapshot().deals().get("d2").flagged()).isFalse();
        assertThat(day.office.snapshot().people().get("P2").flagged()).isFalse();
    }

    @Test
    @DisplayName("R-ATT-13 shrunk: a verified complaint moves the friends brought along only from the rep they follow: A received the customer first, "
            + "the claim passed to C by R-ATT-10, a complaint against C gave it to B, yet the friend the customer brings is A's")
    void aComplaintAgainstALaterOwnerDoesNotMoveTheFriends() {
        Day day = Day.withRotation("A", "B", "C", "D");
        day.walkIn("P2", Said.asksFor("C", true));
        String forgot = day.walkIn("P5", Said.complains("态度不好"));
        assertThat(day.office.snapshot().people().get("P5").owner()).as("A received P5 first").isEqualTo("A");
        day.daysLater(55, List.of("C", "B", "D", "A"));
        day.earlierRepFound(forgot, "P2", "C");
        String complaint = day.walkIn("P5", Said.complains("态度不好"));
        day.checkComplaint("P5", complaint, true);
        assertThat(day.office.snapshot().people().get("P5").owner()).as("the complaint against C gave P5 to B").isEqualTo("B");

        String friend = day.walkIn("P0", Said.broughtBy("P5"));

        Snapshot domain = day.office.snapshot();
        assertThat(domain.visits().get(friend).ruleId()).isEqualTo("R-ATT-13");
        assertThat(domain.visits().get(friend).server()).isEqualTo("A");
        assertThat(domain.people().get("P0").owner()).isEqualTo("A");
    }
}
