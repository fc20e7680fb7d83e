package io.anchang.reception.domain;

import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Split;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.anchang.reception.domain.RotationFixture.DEFAULTS;
import static io.anchang.reception.domain.RotationFixture.NOW;
import static io.anchang.reception.domain.RotationFixture.order;
import static io.anchang.reception.domain.RotationFixture.rotation;
import static io.anchang.reception.domain.RotationFixture.walkIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rotation engine in plain Java (R-REC-1, 2, 8, 9). */
class RotationTest {

    @Test
    @DisplayName("R-REC-1 the up rep takes the next new customer and goes to the back; the on-deck rep is up next")
    void theUpRepGoesToTheBack() {
        Rotation desk = rotation("A", "B", "C");
        assertThat(desk.up().userId()).isEqualTo("A");
        assertThat(desk.onDeck().userId()).isEqualTo("B");
        desk = walkIn(desk, "v1");
        assertThat(order(desk)).containsExactly("B", "C", "A");
        assertThat(desk.rep("A").orElseThrow().status()).isEqualTo(RepStatus.BUSY);
        assertThat(desk.up().userId()).isEqualTo("B");
    }

    @Test
    @DisplayName("R-REC-2 an OUT rep passed over is owed the turn and, back, is repaid ahead of the rotation; BUSY is owed nothing by default")
    void outIsOwedBusyIsNot() {
        Rotation desk = rotation("A", "B", "C").status("A", null, RepStatus.OUT);
        desk = walkIn(desk, "v1");
        assertThat(desk.rep("A").orElseThrow().owed()).isEqualTo(1);
        assertThat(order(desk)).containsExactly("C", "A", "B");
        desk = walkIn(desk, "v2"); // C
        desk = desk.seeOff("v1").rotation(); // B free; order A B C with A out, C busy
        desk = walkIn(desk, "v3"); // A skipped again, B
        assertThat(desk.rep("A").orElseThrow().owed()).isEqualTo(2);
        desk = desk.seeOff("v3").rotation();
        // C busy at the head: passed over, owed nothing
        assertThat(order(desk).get(0)).isEqualTo("C");
        desk = walkIn(desk, "v4"); // C busy and A out both passed over: A owed a third turn
        assertThat(desk.rep("C").orElseThrow().owed()).isZero();
        assertThat(desk.rep("A").orElseThrow().owed()).isEqualTo(3);
        desk = desk.seeOff("v4").rotation().status("A", null, RepStatus.AVAILABLE);
        assertThat(desk.up().userId()).isEqualTo("A");
        desk = walkIn(desk, "v5");
        assertThat(desk.rep("A").orElseThrow().owed()).isEqualTo(2);
        assertThat(order(desk)).as("a make-up turn moves nobody").containsExactly("C", "A", "B");
    }

    @Test
    @DisplayName("R-REC-2 with owedTurnsWhenBusy a BUSY rep passed over is owed the turn too")
    void busyOwedWhenTheSiteSaysSo() {
        PolicySettings busyOwed = new PolicySettings(2, DEFAULTS.protectionRenewsOn(), true, true, Split.of(80, 20), Split.of(50, 50),
                Split.of(80, 20), Split.of(50, 50), Split.of(50, 50), 30, 7, 15, new BigDecimal("1.0"), null, 2,
                new BigDecimal("1.0"), new BigDecimal("3.0"));
        Rotation desk = rotation("A", "B");
        Rotation.Outcome<Rotation.Rep> held = desk.hold("v1");
        desk = held.rotation().serve("v1", "A", false, "c", NOW, busyOwed); // A busy without a turn (a return visit)
        Rotation.Outcome<Rotation.Rep> next = desk.hold("v2");
        desk = next.rotation().serve("v2", next.result().userId(), true, "c", NOW, busyOwed);
        assertThat(desk.rep("A").orElseThrow().owed()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-REC-9 nobody free: customers queue in arrival order and the first goes to the rep freed; a helper takes an owned customer without a turn")
    void theQueueDrainsInArrivalOrder() {
        Rotation desk = walkIn(walkIn(rotation("A", "B"), "v1"), "v2");
        desk = walkIn(desk, "v3");
        desk = desk.enqueue(new Rotation.Waiting("v4", "c", NOW, "A", false));
        assertThat(desk.queue()).extracting(Rotation.Waiting::visitId).containsExactly("v3", "v4");
        Rotation.Outcome<List<Rotation.Pickup>> drained = desk.seeOff("v2").rotation().drain(NOW, DEFAULTS);
        assertThat(drained.result()).singleElement().satisfies(p -> {
            assertThat(p.waiting().visitId()).isEqualTo("v3");
            assertThat(p.rep()).isEqualTo("B");
            assertThat(p.usedTurn()).isTrue();
        });
        Rotation.Outcome<List<Rotation.Pickup>> second = drained.rotation().seeOff("v3").rotation().drain(NOW, DEFAULTS);
        assertThat(second.result()).singleElement().satisfies(p -> {
            assertThat(p.rep()).as("A is busy: B takes A's customer as helper").isEqualTo("B");
            assertThat(p.usedTurn()).isFalse();
        });
    }

    @Test
    @DisplayName("R-REC-8 in event mode the rotation gives nobody and the queue waits for the MANAGER's assignment")
    void eventModeSuspendsTheRotation() {
        Rotation desk = rotation("A", "B").eventMode(true);
        assertThat(desk.next()).isNull();
        desk = walkIn(desk, "v1");
        assertThat(desk.queue()).hasSize(1);
        assertThat(desk.drain(NOW, DEFAULTS).result()).isEmpty();
        Rotation.Outcome<Rotation.Pickup> assigned = desk.assign("v1", "B", NOW, DEFAULTS);
        assertThat(assigned.rotation().rep("B").orElseThrow().status()).isEqualTo(RepStatus.BUSY);
        assertThat(order(assigned.rotation())).containsExactly("A", "B");
    }

    @Test
    @DisplayName("R-REC-1 a held rep is skipped by a concurrent walk-in, and released keeps their place")
    void aHeldRepIsNotHandedOutTwice() {
        Rotation desk = rotation("A", "B", "C");
        Rotation.Outcome<Rotation.Rep> first = desk.hold("v1");
        Rotation.Outcome<Rotation.Rep> second = first.rotation().hold("v2");
        assertThat(first.result().userId()).isEqualTo("A");
        assertThat(second.result().userId()).isEqualTo("B");
        Rotation released = second.rotation().release("v1");
        assertThat(released.up().userId()).isEqualTo("A");
        assertThat(order(released)).containsExactly("A", "B", "C");
    }

    @Test
    @DisplayName("R-REC-1 a visit the desk has placed holds no rep again and is never served twice: no turn handed out twice")
    void aPlacedVisitIsNeverPlacedAgain() {
        Rotation desk = walkIn(rotation("A", "B", "C"), "v1");
        Rotation.Outcome<Rotation.Rep> again = desk.hold("v1");
        assertThat(again.result()).isNull();
        assertThat(again.rotation()).isEqualTo(desk);
        assertThatThrownBy(() -> desk.serve("v1", "B", true, "c", NOW, DEFAULTS))
                .isInstanceOf(ProblemException.class).hasMessageContaining("已由张伟接待");
        assertThatThrownBy(() -> desk.enqueue(new Rotation.Waiting("v1", "c", NOW, null, true))).isInstanceOf(ProblemException.class);
        assertThat(order(desk)).containsExactly("B", "C", "A");
    }

    @Test
    @DisplayName("R-REC-9 客户离开/未接待: a waiting customer leaves the queue, the others keep their order; a customer being served cannot leave")
    void aWaitingCustomerLeaves() {
        Rotation desk = walkIn(walkIn(walkIn(walkIn(rotation("A"), "v1"), "v2"), "v3"), "v4");
        assertThat(desk.queue()).extracting(Rotation.Waiting::visitId).containsExactly("v2", "v3", "v4");
        Rotation.Outcome<Rotation.Waiting> left = desk.leave("v3");
        assertThat(left.result().visitId()).isEqualTo("v3");
        assertThat(left.rotation().queue()).extracting(Rotation.Waiting::visitId).containsExactly("v2", "v4");
        assertThat(left.rotation().order()).isEqualTo(desk.order());
        assertThatThrownBy(() -> desk.leave("v1")).isInstanceOf(ProblemException.class).hasMessageContaining("已由张伟接待");
        assertThatThrownBy(() -> left.rotation().leave("v3")).isInstanceOf(ProblemException.class).hasMessageContaining("不在等候队列中");
    }

    @Test
    @DisplayName("R-REC-9 a customer queued late (a registration recovered) stands in arrival order, not at the back")
    void theQueueKeepsArrivalOrder() {
        Rotation desk = rotation("A").eventMode(true)
                .enqueue(new Rotation.Waiting("v2", "c", NOW.plusSeconds(60), null, true))
                .enqueue(new Rotation.Waiting("v3", "c", NOW.plusSeconds(120), null, true))
                .enqueue(new Rotation.Waiting("v1", "c", NOW, null, true));
        assertThat(desk.queue()).extracting(Rotation.Waiting::visitId).containsExactly("v1", "v2", "v3");
    }

    @Test
    @DisplayName("R-REC-2 R-REC-9 a registration closed unfinished after its day leaves nobody held or BUSY for it and nobody waiting; no turn moves")
    void anUnfinishedVisitIsForgottenByItsDesk() {
        Rotation desk = walkIn(walkIn(rotation("A", "B", "C"), "v1"), "v2");
        desk = desk.hold("v3").rotation().enqueue(new Rotation.Waiting("v4", "c", NOW, null, true));
        assertThat(desk.rep("C").orElseThrow().heldFor()).isEqualTo("v3");
        List<String> order = order(desk);

        Rotation forgotten = desk.forget("v1").forget("v3").forget("v4");

        assertThat(forgotten.rep("A").orElseThrow().status()).isEqualTo(RepStatus.AVAILABLE);
        assertThat(forgotten.servingOf("v1")).isEmpty();
        assertThat(forgotten.rep("C").orElseThrow().free()).isTrue();
        assertThat(forgotten.queue()).isEmpty();
        assertThat(forgotten.servingOf("v2")).map(Rotation.Rep::userId).contains("B");
        assertThat(order(forgotten)).isEqualTo(order);
        assertThat(forgotten.forget("v9")).isEqualTo(forgotten);
    }

    @Test
    @DisplayName("R-REC-2 a status change for a rep not on duty is refused: 置业顾问 … 不在今日排班中")
    void aRepNotOnDutyHasNoStatus() {
        assertThatThrownBy(() -> rotation("A", "B").status("D", "王芳", RepStatus.OUT))
                .isInstanceOf(ProblemException.class).hasMessageContaining("置业顾问 王芳 不在今日排班中");
    }

    @Test
    @DisplayName("R-ATT-10 a turn given back is owed once per visit, however often the news arrives")
    void aTurnIsGivenBackOnce() {
        Rotation desk = rotation("A", "B").turnGivenBack("A", "v1").turnGivenBack("A", "v1");
        assertThat(desk.rep("A").orElseThrow().owed()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-REC-4 every violation kind carries the policy's penalty")
    void violationsCarryThePolicysPenalty() {
        assertThat(Violation.penalty(Violation.Kind.GRABBING, Violation.Severity.STANDARD, null)).isEqualTo("扣罚当日基本工资");
        assertThat(Violation.penalty(Violation.Kind.NEGLECT, Violation.Severity.SEVERE, null)).isEqualTo("扣罚当月基本工资和当月应发奖金的50%");
        assertThat(Violation.penalty(Violation.Kind.PROVOKING_DISPUTE, Violation.Severity.STANDARD, null)).contains("辞退").contains("50%");
        assertThat(Violation.penalty(Violation.Kind.PRIVATE_COLLECTION, Violation.Severity.STANDARD, null)).isEqualTo("开除");
        assertThat(Violation.penalty(Violation.Kind.REFUSING_RULING, Violation.Severity.STANDARD, "3-1702")).contains("3-1702").contains("归部门");
        assertThat(Violation.penalty(Violation.Kind.REFUSING_OWNED_CUSTOMER, Violation.Severity.STANDARD, null)).contains("处罚");
    }
}
