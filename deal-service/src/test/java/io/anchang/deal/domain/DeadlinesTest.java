package io.anchang.deal.domain;

import io.anchang.platform.money.Money;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.anchang.deal.domain.UnitFixture.NOW;
import static io.anchang.deal.domain.UnitFixture.aHeldUnit;
import static io.anchang.deal.domain.UnitFixture.aHold;
import static io.anchang.deal.domain.UnitFixture.aRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R-DEAL-2, R-DEAL-3, R-FIN-2: a unit's deadlines judged by the time given, not by a sweeper; repeats and agreement numbers (issue 10). */
class DeadlinesTest {

    static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(30));

    @Test
    @DisplayName("R-DEAL-2 a hold that ran out with no deposit waiting is taken by the next hold at once; with a deposit waiting it is not")
    void aLapsedHoldIsFreeUnlessTheDeskHasARequest() {
        Unit.Hold next = new Unit.Hold("hold-2", "cust-2", "李女士", "rep-2", "李娜", EXPIRY, EXPIRY.plus(Duration.ofMinutes(30)));
        assertThat(aHeldUnit().hold(next).hold().repUserId()).isEqualTo("rep-2");
        Unit.Hold early = new Unit.Hold("hold-2", "cust-2", "李女士", "rep-2", "李娜", EXPIRY.minusMillis(1), EXPIRY);
        assertThatThrownBy(() -> aHeldUnit().hold(early)).hasMessageContaining("张伟");
        Unit waiting = aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "20000"));
        assertThatThrownBy(() -> waiting.hold(next)).hasMessageContaining("张伟");
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 the lapse check gives up a lapsed hold only when no request waits at the desk; the desk's verdict gives it up")
    void theLapseCheckLeavesAUnitTheDeskIsJudging() {
        assertThat(aHeldUnit().lapsesBySweepAt(EXPIRY)).isTrue();
        assertThat(aHeldUnit().lapsesBySweepAt(EXPIRY.minusMillis(1))).isFalse();
        Unit waiting = aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "20000"));
        assertThat(waiting.lapsesBySweepAt(EXPIRY.plus(Duration.ofDays(1)))).isFalse();
        assertThat(waiting.requestLapsed("req-SMALL20000")).hasValueSatisfying(u -> assertThat(u.status()).isEqualTo(UnitStatus.AVAILABLE));
        assertThat(waiting.requestLapsed("another-request")).isEmpty();
        // an in-time confirmation moves it, even when applied after the expiry
        assertThat(waiting.confirmDeposit("req-SMALL20000", "R1", Money.of(20000), "CASH", EXPIRY.minusSeconds(1),
                EXPIRY.plus(Duration.ofDays(7)), null).unit().status()).isEqualTo(UnitStatus.SMALL_DEPOSIT);
    }

    @Test
    @DisplayName("R-DEAL-2 no deposit is requested on a hold that ran out")
    void noRequestOnALapsedHold() {
        Unit.DepositRequest late = new Unit.DepositRequest("req-late", DepositKind.SMALL, Money.of(20000),
                aRequest(DepositKind.SMALL, "20000").price(), null, "rep-1", EXPIRY);
        assertThatThrownBy(() -> aHeldUnit().requestDeposit(late)).hasMessageContaining("到期");
    }

    @Test
    @DisplayName("R-DEAL-3 a small deposit with an upgrade waiting lapses only on the desk's verdict")
    void aSmallDepositWithAnUpgradeWaits() {
        Unit small = aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "20000"))
                .confirmDeposit("req-SMALL20000", "R1", Money.of(20000), "CASH", NOW, NOW.plus(Duration.ofDays(7)), null).unit();
        assertThat(small.lapsesBySweepAt(NOW.plus(Duration.ofDays(7)))).isTrue();
        Unit upgrading = small.requestDeposit(aRequest(DepositKind.BIG, "180000"));
        assertThat(upgrading.lapsesBySweepAt(NOW.plus(Duration.ofDays(8)))).isFalse();
        assertThat(upgrading.requestLapsed("req-BIG180000")).hasValueSatisfying(u -> assertThat(u.status()).isEqualTo(UnitStatus.AVAILABLE));
    }

    @Test
    @DisplayName("R-DEAL-4 a big deposit's agreement is issued unnumbered and numbered once")
    void anAgreementIsNumberedOnce() {
        Unit big = aHeldUnit().requestDeposit(aRequest(DepositKind.BIG, "200000"))
                .confirmDeposit("req-BIG200000", "R1", Money.of(200000), "TRANSFER", NOW, null, null).unit();
        assertThat(big.agreementToNumber()).isTrue();
        Unit numbered = big.numberAgreement("RG-SH01-2026-000001").orElseThrow();
        assertThat(numbered.sale().agreement().number()).isEqualTo("RG-SH01-2026-000001");
        assertThat(numbered.agreementToNumber()).isFalse();
        assertThat(numbered.numberAgreement("RG-SH01-2026-000002")).isEmpty();
    }

    @Test
    void aUnitRemembersTheLatestRequestIdsOfItsWrites() {
        Unit unit = aHeldUnit().answering("hold", "r-1");
        assertThat(unit.answered("hold", "r-1")).isTrue();
        assertThat(unit.answered("release", "r-1")).isFalse();
        assertThat(unit.answered("hold", null)).isFalse();
        for (int i = 0; i < Unit.ANSWERED_KEPT; i++) {
            unit = unit.answering("hold", "other-" + i);
        }
        assertThat(unit.answered("hold", "r-1")).isFalse();
        assertThat(unit.answered()).hasSize(Unit.ANSWERED_KEPT);
    }

    @Test
    @DisplayName("R-DEAL-1 a request id remembered with what it asked for answers only the same request; another is refused 409 request-id-reused; one remembered before fingerprints answers its repeat")
    void aRequestIdAnswersOnlyTheSameRequest() {
        String mine = Unit.fingerprint("rep1", "c-1");
        Unit unit = aHeldUnit().answering("hold", "r-1", mine).answering("hold", "r-old");
        assertThat(mine).hasSize(22).isEqualTo(Unit.fingerprint("rep1", "c-1")).isNotEqualTo(Unit.fingerprint("rep1", "c-2"));
        assertThat(Unit.fingerprint("a|b", "c")).isNotEqualTo(Unit.fingerprint("a", "b|c"));
        assertThat(Unit.fingerprint(new java.math.BigDecimal("20000"))).isEqualTo(Unit.fingerprint(new java.math.BigDecimal("20000.00")));
        assertThat(unit.answered("hold", "r-1", mine)).isTrue();
        assertThat(unit.answered("hold", "r-1")).as("without a fingerprint: applied").isTrue();
        assertThatThrownBy(() -> unit.answered("hold", "r-1", Unit.fingerprint("rep1", "c-2")))
                .isInstanceOfSatisfying(io.anchang.platform.problem.ProblemException.class, e -> assertThat(e.type()).isEqualTo("request-id-reused"));
        assertThat(unit.answered("hold", "r-old", Unit.fingerprint("rep1", "c-2"))).as("remembered before fingerprints").isTrue();
        assertThat(unit.answered("release", "r-1", mine)).isFalse();
        assertThat(unit.answered("hold", "r-2", mine)).isFalse();
    }
}
