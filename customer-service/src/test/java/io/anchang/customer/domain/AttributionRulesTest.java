package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Share;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.anchang.customer.domain.CustomerFixture.T0;
import static io.anchang.customer.domain.CustomerFixture.after;
import static io.anchang.customer.domain.CustomerFixture.asksFor;
import static io.anchang.customer.domain.CustomerFixture.bargainsWith;
import static io.anchang.customer.domain.CustomerFixture.complains;
import static io.anchang.customer.domain.CustomerFixture.creditAt;
import static io.anchang.customer.domain.CustomerFixture.desk;
import static io.anchang.customer.domain.CustomerFixture.forgot;
import static io.anchang.customer.domain.CustomerFixture.names;
import static io.anchang.customer.domain.CustomerFixture.ownedBy;
import static io.anchang.customer.domain.CustomerFixture.refusesOwner;
import static io.anchang.customer.domain.CustomerFixture.rules;
import static io.anchang.customer.domain.CustomerFixture.says;
import static io.anchang.customer.domain.CustomerFixture.visit;
import static org.assertj.core.api.Assertions.assertThat;

/** The attribution decision table in plain Java, one row per rule, with the policy's numbers. */
class AttributionRulesTest {

    private static final Instant LATER_SAME_DAY = T0.plus(Duration.ofHours(3));
    private static final Instant NEXT_WEEK = T0.plus(Duration.ofDays(7));

    private static Share share(String rep, String credit, int bonus) {
        return new Share(rep, new BigDecimal(credit), bonus);
    }

    @Test
    @DisplayName("R-ATT-1 a new customer is the rotation rep's, whose turn it uses: first registration wins")
    void aNewCustomerBelongsToTheReceiverOnTheirTurn() {
        Decision d = rules().decide(null, null, null, visit(T0, says(), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(d.server()).isEqualTo("A");
        assertThat(d.usesTurn()).isTrue();
        assertThat(d.newOwner()).isEqualTo("A");
        assertThat(d.ruleId()).isEqualTo("R-ATT-1");
    }

    @Test
    @DisplayName("R-ATT-2 a claim protects for 2 months from the owner's last visit; expired, the customer is new again and the receiver's claim starts afresh")
    void protectionLastsTwoMonthsFromTheOwnersLastVisit() {
        Customer customer = ownedBy("B", T0);
        Claim claim = customer.currentClaim().orElseThrow();
        assertThat(claim.validAt(T0.plus(59, ChronoUnit.DAYS), CustomerFixture.DEFAULTS, CustomerFixture.ZONE)).isTrue();
        assertThat(claim.validAt(T0.plus(62, ChronoUnit.DAYS), CustomerFixture.DEFAULTS, CustomerFixture.ZONE)).isFalse();

        Customer renewed = after(customer, visit(T0.plus(50, ChronoUnit.DAYS), says(), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(renewed.owner()).contains("B");
        assertThat(renewed.currentClaim().orElseThrow().validAt(T0.plus(100, ChronoUnit.DAYS), CustomerFixture.DEFAULTS,
                CustomerFixture.ZONE)).as("renewed by the visit B served on day 50").isTrue();

        AttributionRequest late = visit(T0.plus(63, ChronoUnit.DAYS), says(), desk("A", "A:AVAILABLE", "B:AVAILABLE"));
        Decision d = rules().decide(customer, null, null, late);
        assertThat(d.ruleId()).isEqualTo("R-ATT-2");
        assertThat(d.server()).isEqualTo("A");
        assertThat(d.usesTurn()).isTrue();
        assertThat(d.newOwner()).isEqualTo("A");
        assertThat(creditAt(customer, T0.plus(63, ChronoUnit.DAYS)).shares()).as("an expired claim earns nothing").isEmpty();
    }

    @Test
    @DisplayName("R-ATT-2 an expired claim's own rep receiving the customer again (up, or asked for) holds a fresh claim; nobody earns in the gap")
    void theSameRepReceivingAnExpiredCustomerStartsAFreshClaim() {
        Customer customer = ownedBy("B", T0);
        Instant gap = T0.plus(62, ChronoUnit.DAYS);
        Instant back = T0.plus(70, ChronoUnit.DAYS);
        for (AttributionRequest again : List.of(visit(back, says(), desk("B", "A:AVAILABLE", "B:AVAILABLE")),
                visit(back, asksFor("B", false), desk("A", "A:AVAILABLE", "B:AVAILABLE")))) {
            Customer received = after(customer, again);
            assertThat(received.owner()).contains("B");
            assertThat(received.oneOwnerAtMost()).isTrue();
            Claim fresh = received.currentClaim().orElseThrow();
            assertThat(fresh.since()).as("the receiver's claim starts afresh").isEqualTo(back);
            assertThat(received.claims()).hasSize(2).first().satisfies(old -> assertThat(old.endedAt()).isEqualTo(back));
            assertThat(creditAt(received, gap).shares()).as("between expiry and the new reception nobody holds a protected claim")
                    .isEmpty();
            assertThat(creditAt(received, back.plus(1, ChronoUnit.HOURS)).shares()).containsExactly(share("B", "1.00", 100));
            assertThat(creditAt(received, back.plus(50, ChronoUnit.DAYS)).shares()).as("protected for 2 months from the new reception")
                    .containsExactly(share("B", "1.00", 100));
        }
    }

    @Test
    @DisplayName("R-ATT-3 no rule makes a customer wait: the owner busy, another rep serves now; only when no rep is free does the customer queue")
    void nobodyWaitsOverOwnership() {
        Customer customer = ownedBy("B", T0);
        Decision served = rules().decide(customer, null, null, visit(LATER_SAME_DAY, refusesOwner(), desk("A", "A:AVAILABLE", "B:BUSY")));
        assertThat(served.server()).isEqualTo("A");
        Decision waits = rules().decide(customer, null, null, visit(LATER_SAME_DAY, says(), desk(null, "A:BUSY", "B:BUSY")));
        assertThat(waits.role()).isEqualTo(ServingRole.WAITING);
        assertThat(waits.preferredRep()).isEqualTo("B");
    }

    @Test
    @DisplayName("R-ATT-4 a known customer whose owner is on site and free goes back to the owner, credit the owner, no turn")
    void backToTheOwner() {
        Customer customer = ownedBy("B", T0);
        Decision d = rules().decide(customer, null, null, visit(LATER_SAME_DAY, says(), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(d.server()).isEqualTo("B");
        assertThat(d.role()).isEqualTo(ServingRole.OWNER);
        assertThat(d.usesTurn()).isFalse();
        assertThat(creditAt(after(customer, visit(LATER_SAME_DAY, says(), desk("A", "A:AVAILABLE", "B:AVAILABLE"))), NEXT_WEEK).shares())
                .containsExactly(share("B", "1.00", 100));
    }

    @Test
    @DisplayName("R-ATT-5 the customer turns the owner down for the serving rep: A owner, credit A, bonus A 80 / B 20")
    void refusedOwnerSplitsEightyTwenty() {
        Customer customer = after(ownedBy("B", T0), visit(LATER_SAME_DAY, refusesOwner(), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(customer.owner()).contains("A");
        assertThat(creditAt(customer, NEXT_WEEK).shares()).containsExactly(share("A", "1.00", 80), share("B", "0.00", 20));
    }

    @Test
    @DisplayName("R-ATT-6 a verified complaint: the owner loses every claim, A 100; rejected, R-ATT-5's 80/20 applies")
    void complaintVerifiedOrRejected() {
        Customer complained = after(ownedBy("B", T0), visit(LATER_SAME_DAY, complains("态度差"), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        Complaint complaint = complained.complaints().get(0);
        assertThat(complaint.pending()).isTrue();
        assertThat(complaint.against()).isEqualTo("B");
        Customer verified = complained.complaintChecked(complaint.id(), true, "SUP", NEXT_WEEK, "属实");
        assertThat(creditAt(verified, NEXT_WEEK).shares()).containsExactly(share("A", "1.00", 100));
        assertThat(verified.claims().stream().filter(c -> c.rep().equals("B")).allMatch(Claim::ended)).isTrue();
        Customer rejected = complained.complaintChecked(complaint.id(), false, "SUP", NEXT_WEEK, "不属实");
        assertThat(creditAt(rejected, NEXT_WEEK).shares()).containsExactly(share("A", "1.00", 80), share("B", "0.00", 20));
    }

    @Test
    @DisplayName("R-ATT-7 the owner out or busy: the up rep helps without a turn; credit B; bonus B/C 50/50 that day, 80/20 later")
    void helperSplitsByTheDayOfTheDeal() {
        Decision d = rules().decide(ownedBy("B", T0), null, null, visit(LATER_SAME_DAY, says(), desk("C", "C:AVAILABLE", "B:OUT")));
        assertThat(d.server()).isEqualTo("C");
        assertThat(d.role()).isEqualTo(ServingRole.HELPER);
        assertThat(d.usesTurn()).isFalse();
        Customer helped = after(ownedBy("B", T0), visit(LATER_SAME_DAY, says(), desk("C", "C:AVAILABLE", "B:BUSY")));
        assertThat(creditAt(helped, LATER_SAME_DAY.plus(Duration.ofHours(1))).shares()).containsExactly(share("B", "1.00", 50), share("C", "0.00", 50));
        assertThat(creditAt(helped, NEXT_WEEK).shares()).containsExactly(share("B", "1.00", 80), share("C", "0.00", 20));
    }

    @Test
    @DisplayName("R-ATT-8 several reps named: the first on site and free receives; the owner away, the receiver helps as in R-ATT-7")
    void theFirstNamedOnSiteReceives() {
        Desk desk = desk("A", "A:AVAILABLE", "X:OUT", "Y:AVAILABLE", "B:OUT");
        Decision d = rules().decide(ownedBy("B", T0), null, null, visit(LATER_SAME_DAY, names("X", "Y"), desk));
        assertThat(d.server()).isEqualTo("Y");
        assertThat(d.ruleId()).isEqualTo("R-ATT-8");
        assertThat(d.arrangement().kind()).isEqualTo(Arrangement.Kind.HELPER);
        Decision none = rules().decide(null, null, null, visit(LATER_SAME_DAY, names("X"), desk));
        assertThat(none.server()).as("none named on site: the up rep").isEqualTo("A");
    }

    @Test
    @DisplayName("R-ATT-9 bargaining with another rep for a bigger discount: credit and bonus all the owner's")
    void discountShoppingChangesNothing() {
        Customer customer = after(ownedBy("A", T0), visit(LATER_SAME_DAY, bargainsWith("B"), desk("C", "C:AVAILABLE", "B:AVAILABLE")));
        assertThat(customer.visits().get(1).server()).isEqualTo("B");
        assertThat(customer.owner()).contains("A");
        assertThat(creditAt(customer, NEXT_WEEK).shares()).containsExactly(share("A", "1.00", 100));
    }

    @Test
    @DisplayName("R-ATT-10 been before but cannot say with whom: the up rep receives on their turn")
    void forgottenRepIsTheRotation() {
        Decision d = rules().decide(null, null, null, visit(T0, forgot(), desk("A", "A:AVAILABLE")));
        assertThat(d.server()).isEqualTo("A");
        assertThat(d.usesTurn()).isTrue();
        assertThat(d.ruleId()).isEqualTo("R-ATT-10");
    }

    @Test
    @DisplayName("R-ATT-11 asked for A by name on a later visit: A serves; credit and bonus A 50 / owner of record 50")
    void namedOnALaterVisitSplitsFiftyFifty() {
        Customer customer = after(ownedBy("B", T0), visit(LATER_SAME_DAY, asksFor("A", false), desk("C", "A:AVAILABLE", "B:AVAILABLE", "C:AVAILABLE")));
        assertThat(customer.visits().get(1).server()).isEqualTo("A");
        assertThat(customer.owner()).contains("A");
        assertThat(creditAt(customer, NEXT_WEEK).shares()).containsExactly(share("A", "0.50", 50), share("B", "0.50", 50));
    }

    @Test
    @DisplayName("R-ATT-12 follow-up belongs to the credit holder: another rep is refused")
    void followUpBelongsToTheCreditHolder() {
        Customer customer = ownedBy("B", T0);
        assertThat(customer.followedUp("B", NEXT_WEEK, "电话", "约周末看样板间").followUps()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> customer.followedUp("A", NEXT_WEEK, "电话", "x"))
                .hasMessageContaining("R-ATT-12");
    }

    @Test
    @DisplayName("R-ATT-13 a new customer brought by an existing one belongs to its original receiver, or to who holds it by R-ATT-15")
    void referralGoesToTheOriginalReceiver() {
        Customer referrer = ownedBy("B", T0);
        Decision d = rules().decide(null, referrer, null, visit(LATER_SAME_DAY, says(), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(d.newOwner()).isEqualTo("B");
        assertThat(d.server()).isEqualTo("B");
        Customer passed = referrer.passedTo("D", NEXT_WEEK, "R-ATT-15", null);
        assertThat(rules().decide(null, passed, null, visit(NEXT_WEEK, says(), desk("A", "A:AVAILABLE"))).newOwner()).isEqualTo("D");
        Customer refused = referrer.passedTo("E", NEXT_WEEK, "R-ATT-5", null);
        assertThat(rules().decide(null, refused, null, visit(NEXT_WEEK, says(), desk("A", "A:AVAILABLE"))).newOwner())
                .as("a claim passed by R-ATT-5 leaves the original receiver").isEqualTo("B");
    }

    @Test
    @DisplayName("R-ATT-14 a household member belongs to who received the first member, even over a first-visit request for a named rep")
    void householdWinsOverANamedRequest() {
        Customer first = ownedBy("B", T0);
        Decision d = rules().decide(null, null, first, visit(LATER_SAME_DAY, asksFor("A", true), desk("C", "A:AVAILABLE", "B:OUT", "C:AVAILABLE")));
        assertThat(d.newOwner()).isEqualTo("B");
        assertThat(d.ruleId()).isEqualTo("R-ATT-14");
        assertThat(d.server()).as("B is out: the up rep helps").isEqualTo("C");
        assertThat(d.role()).isEqualTo(ServingRole.HELPER);
    }

    @Test
    @DisplayName("R-ATT-15 the same seed draws the same redistribution; everyone gets the same number give or take one")
    void theSeedReproducesTheDraw() {
        List<Draw.Ticket> tickets = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> new Draw.Ticket("c" + i, String.format("SH01-%06d", i))).toList();
        Draw one = Draw.of("d1", "SH01", "B", List.of("A", "C", "D"), 42L, tickets, "长假", "MGR", T0);
        Draw again = Draw.of("d2", "SH01", "B", List.of("D", "A", "C"), 42L, tickets, "长假", "MGR", T0);
        assertThat(again.assignments()).isEqualTo(one.assignments());
        java.util.Map<String, Long> counts = one.assignments().stream()
                .collect(java.util.stream.Collectors.groupingBy(Draw.Assignment::toRep, java.util.stream.Collectors.counting()));
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(3L, 4L));
        assertThat(Draw.of("d3", "SH01", "B", List.of("A", "C", "D"), 43L, tickets, "长假", "MGR", T0).assignments())
                .isNotEqualTo(one.assignments());
    }

    @Test
    @DisplayName("R-ATT-16 a ruling sets the shares; a quarrel sends credit and bonus to the department")
    void rulingsAndTheDepartment() {
        Customer customer = ownedBy("B", T0).disputeOpened("d1", List.of("A", "B"), "A", LATER_SAME_DAY, "交叉");
        Customer department = customer.disputeRuled("d1", "DEPARTMENT", null, List.of(), "当事人争吵", "MGR", NEXT_WEEK, CustomerFixture.ZONE);
        assertThat(creditAt(department, NEXT_WEEK.plusSeconds(1)).shares()).containsExactly(share(Credit.DEPARTMENT, "1.00", 100));
        Customer ruled = customer.disputeRuled("d1", "RULED", "A", List.of(share("A", "0.50", 60), share("B", "0.50", 40)),
                "双方均有接待", "MGR", NEXT_WEEK, CustomerFixture.ZONE);
        assertThat(ruled.owner()).contains("A");
        assertThat(creditAt(ruled, NEXT_WEEK.plusSeconds(1)).shares()).containsExactly(share("A", "0.50", 60), share("B", "0.50", 40));
    }

    @Test
    @DisplayName("R-ATT-17 the shares valid at a moment; several visits' arrangements flag the deal for the MANAGER")
    void severalArrangementsNeedAManagerRuling() {
        Customer helped = after(ownedBy("B", T0), visit(LATER_SAME_DAY, says(), desk("C", "C:AVAILABLE", "B:OUT")));
        Credit once = creditAt(helped, NEXT_WEEK);
        assertThat(once.needsManagerRuling()).isFalse();
        Customer twice = after(helped, visit(NEXT_WEEK, says(), desk("D", "D:AVAILABLE", "B:OUT")));
        Credit credit = creditAt(twice, NEXT_WEEK.plus(Duration.ofDays(1)));
        assertThat(credit.needsManagerRuling()).isTrue();
        assertThat(credit.shares()).containsExactly(share("B", "1.00", 80), share("D", "0.00", 20));
        assertThat(creditAt(twice, T0.plusSeconds(60)).shares()).as("before the helpers, the owner alone").containsExactly(share("B", "1.00", 100));
    }
}
