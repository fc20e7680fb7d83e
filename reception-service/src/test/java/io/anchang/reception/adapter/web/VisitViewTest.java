package io.anchang.reception.adapter.web;

import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.reception.domain.Visit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the register shows of an entry whose attribution is pending (flow 1, degraded). */
class VisitViewTest {

    private static final Instant AT = Instant.parse("2026-03-02T02:00:00Z");

    private static Visit receiving() {
        return Visit.receiving("v1", "SH01", "r1", Channel.VISIT, LocalDate.of(2026, 3, 2), AT, "+8613900001234", "139****1234",
                null, Statement.none(), "A", null);
    }

    private static String rule(Visit visit) {
        return VisitController.VisitView.of(visit).rule();
    }

    @Test
    @DisplayName("R-REC-9 R-REC-3 a pending entry's sentence says what became of the customer: served on the rotation, waiting in the queue, or left unserved")
    void thePendingSentenceMatchesTheState() {
        Visit waiting = receiving().waiting(true, null);
        Visit served = receiving().served("B", true, true, null, AT);

        assertThat(rule(served)).contains("客户资料暂未核对").contains("已按排序表接待");
        assertThat(rule(served.seenOff(AT.plusSeconds(600)))).contains("已按排序表接待");
        assertThat(rule(waiting)).contains("客户资料暂未核对").contains("已排队等候").doesNotContain("已按排序表接待");
        assertThat(rule(waiting.left(AT.plusSeconds(300), Duration.ofMinutes(5)))).contains("未经接待已离开").doesNotContain("已按排序表接待");
    }

    @Test
    @DisplayName("R-REC-3 an entry closed unfinished tells the manager why and what to do: 登记未完成, 请经理核实")
    void anUnfinishedEntryTellsTheManager() {
        VisitController.VisitView view = VisitController.VisitView.of(receiving().takenOver().unfinished());
        assertThat(view.stateName()).isEqualTo("登记未完成");
        assertThat(view.attributionPending()).isTrue();
        assertThat(view.rule()).startsWith("登记未完成").contains("请经理核实").doesNotContain("已按排序表接待");
    }
}
