package io.anchang.reception.domain;

import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A register entry's life (R-REC-3), in plain Java. */
class VisitTest {

    static final Instant AT = Instant.parse("2026-03-02T02:00:00Z");

    static Visit receiving() {
        return Visit.receiving("v1", "SH01", "r1", Channel.VISIT, LocalDate.of(2026, 3, 2), AT, "+8613900001234", "139****1234",
                null, Statement.none(), "A", "靠窗");
    }

    @Test
    @DisplayName("R-REC-9 R-REC-3 a customer handed from the queue to a rep before the entry was written keeps the hand-over until the registration writes it: then served by that rep, with the wait")
    void aHandOverBeforeTheEntryIsWrittenIsKept() {
        Visit handed = receiving().pickedUp("B", true, AT.plusSeconds(90));
        assertThat(handed.receiving()).isTrue();
        assertThat(handed.handedOver()).isTrue();
        assertThat(handed.awaitsRep()).as("no second rep").isFalse();

        Visit registered = handed.waiting(true, null).pickedUp(handed.servedBy(), handed.usedTurn(), handed.servedAt());
        assertThat(registered.state()).isEqualTo(Visit.State.SERVING);
        assertThat(registered.servedBy()).isEqualTo("B");
        assertThat(registered.usedTurn()).isTrue();
        assertThat(registered.attributionPending()).isTrue();
        assertThat(registered.servedAt()).isEqualTo(AT.plusSeconds(90));
        assertThat(registered.awaitsRep()).isFalse();
        assertThatThrownBy(() -> registered.pickedUp("C", false, AT)).hasMessageContaining("不在等候队列中");
    }

    @Test
    @DisplayName("R-REC-3 a registration a recovery takes over is no longer the beginning process's; one whose day is over closes as 登记未完成, attribution pending, keeping the desk's note")
    void aTakenOverRegistrationClosesUnfinished() {
        Visit taken = receiving().takenOver();
        assertThat(taken.receiving()).isTrue();
        assertThat(taken.isTakenOver()).isTrue();
        assertThat(receiving().isTakenOver()).isFalse();

        Visit closed = taken.unfinished();
        assertThat(closed.state()).isEqualTo(Visit.State.UNFINISHED);
        assertThat(closed.stateName()).isEqualTo("登记未完成");
        assertThat(closed.attributionPending()).isTrue();
        assertThat(closed.servedBy()).isNull();
        assertThat(closed.note()).isEqualTo("靠窗");
        assertThat(closed.isTakenOver()).isFalse();
        assertThatThrownBy(closed::unfinished).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> receiving().waiting(true, null).left(AT, Duration.ZERO).takenOver())
                .isInstanceOf(IllegalStateException.class);
    }
}
