package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Share;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.anchang.customer.domain.CustomerFixture.DEFAULTS;
import static io.anchang.customer.domain.CustomerFixture.T0;
import static io.anchang.customer.domain.CustomerFixture.ZONE;
import static io.anchang.customer.domain.CustomerFixture.after;
import static io.anchang.customer.domain.CustomerFixture.creditAt;
import static io.anchang.customer.domain.CustomerFixture.desk;
import static io.anchang.customer.domain.CustomerFixture.says;
import static io.anchang.customer.domain.CustomerFixture.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R-CUS-3 in plain Java: two records of one person folded into the one registered earliest, and who owns the customer after. */
class MergeFoldTest {

    private static final String FIRST_PHONE = "+8613800138000";
    private static final String SECOND_PHONE = "+8613900139000";

    /** A record first received by {@code rep} at {@code at}, under its own phone and archive number. */
    private static Customer record(String id, String archiveNo, String phone, String rep, Instant at) {
        AttributionRequest first = visit(at, says(), desk(rep, rep + ":AVAILABLE"));
        Decision decision = CustomerFixture.rules().decide(null, null, null, first);
        return Customer.register(id, "SH01", archiveNo, phone, null, "VISIT", at, "desk", null, null)
                .apply(decision, first.visitId(), Channel.VISIT, at, ZONE, first.statement());
    }

    /** The first record: B's customer since T0. */
    private static Customer firstByB() {
        return record("c1", "SH01-000001", FIRST_PHONE, "B", T0);
    }

    /** The second record of the same person, first received by {@code rep} at {@code at} under another phone. */
    private static Customer second(String rep, Instant at) {
        return record("c2", "SH01-000002", SECOND_PHONE, rep, at);
    }

    private static Customer marked(Customer absorbed, Customer survivor, Instant at) {
        return absorbed.markedForMerge(Merge.idOf(survivor.id(), absorbed.id()), survivor.id(), "MGR", at, "客户换了手机号");
    }

    private static Customer merged(Customer survivor, Customer absorbed, Instant at) {
        return survivor.absorb(marked(absorbed, survivor, at), instant -> DEFAULTS, ZONE, id -> id);
    }

    private static List<String> shares(Credit credit) {
        return credit.shares().stream().map(s -> s.userId() + " " + s.credit() + " " + s.bonusPercent()).toList();
    }

    @Test
    @DisplayName("R-CUS-3 the survivor keeps the earliest registration and gets both records' phones, visits, follow-ups and deals, in time order")
    void theEarliestRegistrationKeepsBothHistories() {
        Customer first = firstByB();
        Customer second = record("c2", "SH01-000007", SECOND_PHONE, "B", T0.plus(3, ChronoUnit.DAYS));
        first = after(first, visit(T0.plus(5, ChronoUnit.DAYS), says(), desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        first = first.followedUp("B", T0.plus(6, ChronoUnit.DAYS), "电话", "约看样板间");
        second = second.followedUp("B", T0.plus(4, ChronoUnit.DAYS), "微信", "发了户型图");
        first = first.withDeal(new DealCredit("deal-1", T0.plus(7, ChronoUnit.DAYS), List.of(new Share("B", new BigDecimal("1.00"), 100)),
                "R-ATT-1", "B 100", false, "PROVISIONAL"));
        second = second.withDeal(new DealCredit("deal-2", T0.plus(8, ChronoUnit.DAYS), List.of(new Share("B", new BigDecimal("1.00"), 100)),
                "R-ATT-1", "B 100", false, "PROVISIONAL"));

        Customer merged = merged(first, second, T0.plus(10, ChronoUnit.DAYS));

        assertThat(merged.id()).isEqualTo("c1");
        assertThat(merged.archiveNo()).isEqualTo("SH01-000001");
        assertThat(merged.registeredAt()).isEqualTo(T0);
        assertThat(merged.phones()).containsExactly(FIRST_PHONE, SECOND_PHONE);
        assertThat(merged.visits()).hasSize(3).extracting(VisitRecord::at).isSorted();
        assertThat(merged.visits().get(1).visitId()).isEqualTo(second.visits().get(0).visitId());
        assertThat(merged.followUps()).extracting(FollowUp::number, FollowUp::note)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "发了户型图"), org.assertj.core.groups.Tuple.tuple(2, "约看样板间"));
        assertThat(merged.deals()).extracting(DealCredit::dealId).containsExactly("deal-1", "deal-2");
        assertThat(merged.absorbed()).singleElement().satisfies(a -> {
            assertThat(a.customerId()).isEqualTo("c2");
            assertThat(a.archiveNo()).isEqualTo("SH01-000007");
            assertThat(a.reason()).isEqualTo("客户换了手机号");
        });
        assertThat(merged.active()).isTrue();
    }

    @Test
    @DisplayName("R-CUS-3 whichever record is named first, the one registered earliest survives; a later one cannot absorb it")
    void theEarliestRegistrationSurvives() {
        Customer first = firstByB();
        Customer second = second("A", T0.plusSeconds(60));
        assertThat(Customer.earliest(first, second)).isSameAs(first);
        assertThat(Customer.earliest(second, first)).isSameAs(first);
        assertThatThrownBy(() -> second.absorb(marked(first, second, T0.plus(1, ChronoUnit.DAYS)), instant -> DEFAULTS, ZONE, id -> id))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("R-CUS-3 R-ATT-1 R-ATT-16 both reps' claims protected: the first registration's owner stands, the other's claim ends, a dispute goes to the MANAGER")
    void twoProtectedClaimsGoToTheManager() {
        Customer first = firstByB();
        Customer second = second("A", T0.plus(10, ChronoUnit.DAYS));
        // A out on the second record's next visit: C helps, which arranges A's shares (R-ATT-7)
        second = after(second, visit(T0.plus(12, ChronoUnit.DAYS), says(), desk("C", "C:AVAILABLE", "A:OUT")));
        Instant at = T0.plus(20, ChronoUnit.DAYS);

        Customer merged = merged(first, second, at);

        assertThat(merged.owner()).as("R-ATT-1: first registration wins meanwhile").contains("B");
        assertThat(merged.oneOwnerAtMost()).isTrue();
        assertThat(merged.claims()).filteredOn(c -> c.rep().equals("A")).singleElement()
                .satisfies(c -> assertThat(c.endedRule()).isEqualTo("R-CUS-3"));
        assertThat(merged.disputes()).singleElement().satisfies(d -> {
            assertThat(d.parties()).containsExactly("B", "A");
            assertThat(d.open()).isTrue();
            assertThat(d.openedBy()).isEqualTo("MGR");
            assertThat(d.reason()).contains("R-ATT-1").contains("R-ATT-16").contains("客户换了手机号");
        });
        assertThat(merged.absorbed().get(0).disputeId()).isEqualTo(merged.disputes().get(0).id());
        assertThat(shares(creditAt(merged, at.plusSeconds(60)))).as("A's helper arrangement no longer proposes shares")
                .containsExactly("B 1.00 100");
        assertThat(merged.absorbed().get(0).setAside()).singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo(Arrangement.Kind.HELPER));
    }

    @Test
    @DisplayName("R-CUS-3 R-ATT-2 the earlier claim had expired when the later began: the later claim stands, no dispute")
    void anExpiredEarlierClaimGivesWayToTheLater() {
        Customer first = firstByB();
        Instant later = T0.plus(70, ChronoUnit.DAYS);
        Customer second = second("A", later);

        Customer merged = merged(first, second, later.plus(5, ChronoUnit.DAYS));

        assertThat(merged.archiveNo()).as("the registration stays the earliest").isEqualTo("SH01-000001");
        assertThat(merged.owner()).contains("A");
        assertThat(merged.claims()).filteredOn(c -> c.rep().equals("B")).singleElement().satisfies(c -> {
            assertThat(c.endedAt()).isEqualTo(later);
            assertThat(c.endedRule()).isEqualTo("R-ATT-2");
        });
        assertThat(merged.disputes()).isEmpty();
        assertThat(shares(creditAt(merged, later.plus(6, ChronoUnit.DAYS)))).containsExactly("A 1.00 100");
    }

    @Test
    @DisplayName("R-CUS-3 R-ATT-2 the same rep on both records: one claim, protected from the later registration the rep received")
    void theSameRepsClaimsBecomeOne() {
        Customer first = firstByB();
        Instant later = T0.plus(50, ChronoUnit.DAYS);
        Customer second = second("B", later);
        Instant day100 = T0.plus(100, ChronoUnit.DAYS);
        assertThat(first.currentClaim().orElseThrow().validAt(day100, DEFAULTS, ZONE)).as("alone, the first claim has lapsed by then").isFalse();

        Customer merged = merged(first, second, later.plus(1, ChronoUnit.DAYS));

        assertThat(merged.oneOwnerAtMost()).isTrue();
        Claim standing = merged.currentClaim().orElseThrow();
        assertThat(standing.rep()).isEqualTo("B");
        assertThat(standing.since()).isEqualTo(T0);
        assertThat(standing.validAt(day100, DEFAULTS, ZONE)).isTrue();
        assertThat(merged.disputes()).isEmpty();
    }

    @Test
    @DisplayName("R-CUS-3 folding the same merge again changes nothing")
    void foldingAgainChangesNothing() {
        Customer first = firstByB();
        Customer second = marked(second("A", T0.plus(1, ChronoUnit.DAYS)), first,
                T0.plus(2, ChronoUnit.DAYS));
        Customer once = first.absorb(second, instant -> DEFAULTS, ZONE, id -> id);
        assertThat(once.absorb(second, instant -> DEFAULTS, ZONE, id -> id)).isSameAs(once);
        assertThat(second.markedForMerge(second.merge().id(), "c1", "MGR", T0, "again")).isSameAs(second);
    }

    @Test
    @DisplayName("R-CUS-3 the absorbed record becomes a tombstone pointing to the survivor: nobody's customer, its phones kept for the record")
    void theAbsorbedRecordBecomesATombstone() {
        Customer first = firstByB();
        Customer second = marked(second("A", T0.plus(1, ChronoUnit.DAYS)), first,
                T0.plus(2, ChronoUnit.DAYS));
        assertThat(second.beingMerged()).isTrue();
        assertThat(second.active()).isFalse();

        Customer tombstone = second.mergedAway();

        assertThat(tombstone.mergedInto()).contains("c1");
        assertThat(tombstone.beingMerged()).isFalse();
        assertThat(tombstone.owner()).isEmpty();
        assertThat(tombstone.visits()).isEmpty();
        assertThat(tombstone.phones()).containsExactly(SECOND_PHONE);
        assertThat(tombstone.archiveNo()).isEqualTo("SH01-000002");
        assertThat(tombstone.mergedAway()).isSameAs(tombstone);
    }

    @Test
    @DisplayName("R-CUS-3 a customer may have several phones: a new one is added, one it has changes nothing")
    void severalPhones() {
        Customer first = firstByB();
        assertThat(first.withPhone(FIRST_PHONE)).isSameAs(first);
        assertThat(first.withPhone(SECOND_PHONE).phones()).containsExactly(FIRST_PHONE, SECOND_PHONE);
    }
}
