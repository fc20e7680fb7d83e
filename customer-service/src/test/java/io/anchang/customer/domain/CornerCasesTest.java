package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Share;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.anchang.customer.domain.CustomerFixture.T0;
import static io.anchang.customer.domain.CustomerFixture.ZONE;
import static io.anchang.customer.domain.CustomerFixture.after;
import static io.anchang.customer.domain.CustomerFixture.asksFor;
import static io.anchang.customer.domain.CustomerFixture.bargainsWith;
import static io.anchang.customer.domain.CustomerFixture.complains;
import static io.anchang.customer.domain.CustomerFixture.creditAt;
import static io.anchang.customer.domain.CustomerFixture.desk;
import static io.anchang.customer.domain.CustomerFixture.household;
import static io.anchang.customer.domain.CustomerFixture.names;
import static io.anchang.customer.domain.CustomerFixture.ownedBy;
import static io.anchang.customer.domain.CustomerFixture.refusesOwner;
import static io.anchang.customer.domain.CustomerFixture.rules;
import static io.anchang.customer.domain.CustomerFixture.says;
import static io.anchang.customer.domain.CustomerFixture.visit;
import static org.assertj.core.api.Assertions.assertThat;

/** RULES.md's "Decisions on corner cases", one test per decision, as customer-service decides them. */
class CornerCasesTest {

    private static final Instant LATER_SAME_DAY = T0.plus(Duration.ofHours(3));
    private static final Instant NEXT_WEEK = T0.plus(Duration.ofDays(7));

    private static Share share(String rep, String credit, int bonus) {
        return new Share(rep, new BigDecimal(credit), bonus);
    }

    private static Customer apply(Customer customer, Decision decision, AttributionRequest request) {
        return customer.apply(decision, request.visitId(), request.channel(), request.at(), ZONE, request.statement());
    }

    @Test
    @DisplayName("R-ATT-6 R-ATT-5 the owner the only free rep: a customer who complains about B, or turns B down, waits for another rep, never B; the complaint is lodged at once")
    void aCustomerWhoTurnsTheOnlyFreeOwnerDownWaitsForAnotherRep() {
        Customer owned = ownedBy("B", T0);
        AttributionRequest complaint = visit(LATER_SAME_DAY, complains("上次态度很差"), desk("B", "B:AVAILABLE", "A:BUSY", "C:OUT"));
        Decision waits = rules().decide(owned, null, null, complaint);
        assertThat(waits.role()).isEqualTo(ServingRole.WAITING);
        assertThat(waits.server()).isNull();
        assertThat(waits.preferredRep()).as("nobody the customer waits for by name: the next rep other than B").isNotEqualTo("B");
        assertThat(waits.ruleId()).isEqualTo("R-ATT-6");
        Customer lodged = apply(owned, waits, complaint);
        assertThat(lodged.complaints()).as("the complaint is lodged at once").singleElement().satisfies(c -> {
            assertThat(c.against()).isEqualTo("B");
            assertThat(c.pending()).isTrue();
        });
        assertThat(lodged.owner()).contains("B");

        AttributionRequest refusal = visit(LATER_SAME_DAY, refusesOwner(), desk("B", "B:AVAILABLE", "A:BUSY"));
        Decision refusedWaits = rules().decide(owned, null, null, refusal);
        assertThat(refusedWaits.role()).isEqualTo(ServingRole.WAITING);
        assertThat(refusedWaits.ruleId()).isEqualTo("R-ATT-5");
        assertThat(refusedWaits.preferredRep()).isNotEqualTo("B");
    }

    @Test
    @DisplayName("R-ATT-6 while a complaint waits for the SUPERVISOR, B stays owner with a valid claim and a return visit goes to B; A is credited 80/20, flagged for the MANAGER; verified, A's claim starts on the day of the verification, 100")
    void aPendingComplaintLeavesTheOwnerOfRecord() {
        Customer complained = after(ownedBy("B", T0), visit(LATER_SAME_DAY, complains("态度差"), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(complained.visits().get(1).server()).isEqualTo("A");
        assertThat(complained.owner()).as("B stays owner of record").contains("B");
        assertThat(complained.currentClaim().orElseThrow().validAt(NEXT_WEEK, CustomerFixture.DEFAULTS, ZONE)).isTrue();
        Credit pending = creditAt(complained, NEXT_WEEK);
        assertThat(pending.shares()).containsExactly(share("A", "1.00", 80), share("B", "0.00", 20));
        assertThat(pending.needsManagerRuling()).as("a deal before the decision is flagged for the MANAGER").isTrue();

        Decision back = rules().decide(complained, null, null, visit(NEXT_WEEK, says(), desk("C", "C:AVAILABLE", "B:AVAILABLE")));
        assertThat(back.server()).as("a return visit while the complaint waits goes to B").isEqualTo("B");
        assertThat(back.role()).isEqualTo(ServingRole.OWNER);

        String complaintId = complained.complaints().get(0).id();
        Instant verifiedAt = NEXT_WEEK.plus(Duration.ofDays(1));
        Customer verified = complained.complaintChecked(complaintId, true, "SUP", verifiedAt, "属实");
        assertThat(verified.owner()).contains("A");
        assertThat(verified.currentClaim().orElseThrow().since()).as("A's claim starts on the day of the verification").isEqualTo(verifiedAt);
        assertThat(verified.claims().stream().filter(c -> c.rep().equals("B"))).allMatch(Claim::ended);
        assertThat(creditAt(verified, verifiedAt.plusSeconds(60)).shares()).containsExactly(share("A", "1.00", 100));
        assertThat(creditAt(verified, verifiedAt.plus(55, ChronoUnit.DAYS)).shares()).as("protected two months from the verification")
                .containsExactly(share("A", "1.00", 100));
    }

    @Test
    @DisplayName("R-ATT-6 a rejected complaint: R-ATT-5 from the visit's day — A owns from the visit, A 80 / B 20")
    void aRejectedComplaintIsARefusalFromTheVisitsDay() {
        Customer complained = after(ownedBy("B", T0), visit(LATER_SAME_DAY, complains("态度差"), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        Customer rejected = complained.complaintChecked(complained.complaints().get(0).id(), false, "SUP", NEXT_WEEK, "不属实");
        assertThat(rejected.owner()).contains("A");
        assertThat(rejected.currentClaim().orElseThrow().since()).isEqualTo(LATER_SAME_DAY);
        Credit credit = creditAt(rejected, NEXT_WEEK.plusSeconds(60));
        assertThat(credit.shares()).containsExactly(share("A", "1.00", 80), share("B", "0.00", 20));
        assertThat(credit.needsManagerRuling()).isFalse();
    }

    @Test
    @DisplayName("R-ATT-11 the rep asked for by name is busy: the visit is decided as if nobody were asked — the free owner serves (R-ATT-4), else the up rep helps (R-ATT-7); nobody becomes owner without having served")
    void aBusyRepAskedForByNameLeavesTheVisitToTheOwner() {
        Customer owned = ownedBy("B", T0);
        Decision ownerServes = rules().decide(owned, null, null, visit(LATER_SAME_DAY, asksFor("A", false),
                desk("C", "A:BUSY", "B:AVAILABLE", "C:AVAILABLE")));
        assertThat(ownerServes.server()).isEqualTo("B");
        assertThat(ownerServes.role()).isEqualTo(ServingRole.OWNER);
        assertThat(ownerServes.ruleId()).isEqualTo("R-ATT-4");
        Customer after = apply(owned, ownerServes, visit(LATER_SAME_DAY, asksFor("A", false), desk("C", "A:BUSY", "B:AVAILABLE")));
        assertThat(after.owner()).as("A never served: A owns nothing").contains("B");

        AttributionRequest ownerOut = visit(LATER_SAME_DAY, asksFor("A", false), desk("C", "A:BUSY", "B:OUT", "C:AVAILABLE"));
        Decision helped = rules().decide(owned, null, null, ownerOut);
        assertThat(helped.server()).isEqualTo("C");
        assertThat(helped.role()).isEqualTo(ServingRole.HELPER);
        assertThat(helped.ruleId()).isEqualTo("R-ATT-7");
        Customer helpedAfter = apply(owned, helped, ownerOut);
        assertThat(helpedAfter.owner()).contains("B");
        assertThat(creditAt(helpedAfter, NEXT_WEEK).shares()).containsExactly(share("B", "1.00", 80), share("C", "0.00", 20));
    }

    @Test
    @DisplayName("R-ATT-9 the rep the customer bargains with is busy: the free owner serves, credit and bonus all the owner's")
    void aBusyRepAskedForADiscountLeavesTheVisitToTheOwner() {
        Decision d = rules().decide(ownedBy("B", T0), null, null, visit(LATER_SAME_DAY, bargainsWith("A"),
                desk("C", "A:BUSY", "B:AVAILABLE", "C:AVAILABLE")));
        assertThat(d.server()).isEqualTo("B");
        assertThat(d.role()).isEqualTo(ServingRole.OWNER);
        assertThat(d.ruleId()).isEqualTo("R-ATT-4");
    }

    @Test
    @DisplayName("R-ATT-8 none of the reps the customer names is on site and free: the rotation applies, the up rep receives on their turn")
    void noNamedRepFreeMeansTheRotation() {
        Decision d = rules().decide(null, null, null, visit(T0, names("X", "Y"), desk("A", "A:AVAILABLE", "X:BUSY", "Y:OUT")));
        assertThat(d.server()).isEqualTo("A");
        assertThat(d.usesTurn()).as("the customer asked for nobody: it uses A's turn").isTrue();
        assertThat(d.newOwner()).isEqualTo("A");
        assertThat(d.ruleId()).isEqualTo("R-ATT-8");
    }

    @Test
    @DisplayName("R-ATT-14 R-ATT-13 the link counts only while the linked customer's claim is valid: an expired link makes the newcomer a new customer (R-ATT-1) on the up rep's turn")
    void anExpiredLinkMakesANewCustomer() {
        Customer first = ownedBy("B", T0);
        Instant expired = T0.plus(70, ChronoUnit.DAYS);
        Decision spouse = rules().decide(null, null, first, visit(expired, household("+8613800138000", null), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(spouse.ruleId()).isEqualTo("R-ATT-1");
        assertThat(spouse.server()).isEqualTo("A");
        assertThat(spouse.usesTurn()).isTrue();
        assertThat(spouse.newOwner()).isEqualTo("A");
        Decision friend = rules().decide(null, first, null, visit(expired, says(), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(friend.ruleId()).isEqualTo("R-ATT-1");
        assertThat(friend.usesTurn()).isTrue();
        assertThat(friend.newOwner()).isEqualTo("A");
    }

    @Test
    @DisplayName("R-ATT-14 R-ATT-13 a pass by R-ATT-5 does not move the household or the friends brought along; a verified complaint (R-ATT-6) does")
    void onlyAVerifiedComplaintOrARedistributionMovesTheLink() {
        Customer refused = after(ownedBy("B", T0), visit(LATER_SAME_DAY, refusesOwner(), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(refused.owner()).contains("A");
        Decision spouse = rules().decide(null, null, refused, visit(NEXT_WEEK, household("+8613800138000", null),
                desk("C", "A:AVAILABLE", "B:AVAILABLE", "C:AVAILABLE")));
        assertThat(spouse.ruleId()).isEqualTo("R-ATT-14");
        assertThat(spouse.newOwner()).as("the household stays with B, who received the first member").isEqualTo("B");
        assertThat(spouse.server()).isEqualTo("B");
        Decision friend = rules().decide(null, refused, null, visit(NEXT_WEEK, says(), desk("C", "A:AVAILABLE", "B:AVAILABLE", "C:AVAILABLE")));
        assertThat(friend.newOwner()).isEqualTo("B");

        Customer complained = after(ownedBy("B", T0), visit(LATER_SAME_DAY, complains("态度差"), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        Customer verified = complained.complaintChecked(complained.complaints().get(0).id(), true, "SUP", NEXT_WEEK, "属实");
        Decision afterComplaint = rules().decide(null, null, verified, visit(NEXT_WEEK.plusSeconds(3600), household("+8613800138000", null),
                desk("C", "A:AVAILABLE", "B:AVAILABLE", "C:AVAILABLE")));
        assertThat(afterComplaint.newOwner()).as("a verified complaint moves the household to A").isEqualTo("A");
    }

    @Test
    @DisplayName("R-ATT-17 \"several arrangements\" counts every arrangement since the customer's last deal, whoever owned the customer at the time")
    void severalArrangementsCountAcrossOwners() {
        Customer helped = after(ownedBy("B", T0), visit(LATER_SAME_DAY, says(), desk("C", "C:AVAILABLE", "B:OUT")));
        Customer refused = after(helped, visit(NEXT_WEEK, refusesOwner(), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        assertThat(refused.owner()).contains("A");
        Instant signed = NEXT_WEEK.plus(Duration.ofDays(1));
        Credit credit = creditAt(refused, signed);
        assertThat(credit.shares()).as("the latest arrangement proposes").containsExactly(share("A", "1.00", 80), share("B", "0.00", 20));
        assertThat(credit.needsManagerRuling()).as("the helper's arrangement under B counts too").isTrue();

        Customer dealt = refused.withDeal(new DealCredit("deal-1", signed, credit.shares(), credit.ruleId(), credit.explanation(),
                credit.needsManagerRuling(), "PROVISIONAL"));
        Customer helpedAgain = after(dealt, visit(signed.plus(Duration.ofDays(1)), says(), desk("C", "C:AVAILABLE", "A:OUT")));
        Credit next = creditAt(helpedAgain, signed.plus(Duration.ofDays(3)));
        assertThat(next.shares()).containsExactly(share("A", "1.00", 80), share("C", "0.00", 20));
        assertThat(next.needsManagerRuling()).as("one arrangement since the last deal").isFalse();
    }

    @Test
    @DisplayName("R-REC-8 R-ATT-1 a new customer still waiting when event mode ends is a new customer: the wait uses the turn of whoever the rotation gives, who then receives under R-ATT-1")
    void aNewCustomerWhoWaitedThroughEventModeIsANewCustomer() {
        String visitId = UUID.randomUUID().toString();
        Desk eventMode = new Desk(null, true, List.of(new Desk.DeskRep("A", "A", RepStatus.AVAILABLE), new Desk.DeskRep("B", "B", RepStatus.AVAILABLE)));
        AttributionRequest arriving = new AttributionRequest(visitId, Channel.VISIT, "13800138000", null, T0, "desk", says(), eventMode, null, false);
        Decision waits = rules().decide(null, null, null, arriving);
        assertThat(waits.role()).isEqualTo(ServingRole.WAITING);
        assertThat(waits.usesTurn()).as("a new customer: the rep the rotation gives takes them on their turn").isTrue();
        Customer registered = apply(CustomerFixture.aNewCustomer("+8613800138000"), waits, arriving);

        AttributionRequest taken = new AttributionRequest(visitId, Channel.VISIT, "13800138000", null, T0, "desk", says(),
                new Desk("A", false, List.of()), "A", true);
        Decision received = rules().decide(registered, null, null, taken);
        assertThat(received.ruleId()).isEqualTo("R-ATT-1");
        assertThat(received.rule()).doesNotContain("有效期");
        assertThat(received.server()).isEqualTo("A");
        assertThat(received.usesTurn()).isTrue();
        assertThat(received.newOwner()).isEqualTo("A");
    }
}
