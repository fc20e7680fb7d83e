package io.anchang.deal.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.anchang.deal.domain.UnitFixture.NOW;
import static io.anchang.deal.domain.UnitFixture.aHeldUnit;
import static io.anchang.deal.domain.UnitFixture.aHold;
import static io.anchang.deal.domain.UnitFixture.aRequest;
import static io.anchang.deal.domain.UnitFixture.anAvailableUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitTest {

    @Test
    @DisplayName("R-DEAL-2 an AVAILABLE unit is held for the rep's customer until holdMinutes have passed")
    void anAvailableUnitIsHeld() {
        Unit held = aHeldUnit();
        assertThat(held.status()).isEqualTo(UnitStatus.HELD);
        assertThat(held.hold().repName()).isEqualTo("张伟");
        assertThat(held.holdLapsedAt(NOW.plus(Duration.ofMinutes(29)))).isFalse();
        assertThat(held.holdLapsedAt(NOW.plus(Duration.ofMinutes(30)))).isTrue();
    }

    @Test
    @DisplayName("R-DEAL-1 a held unit cannot be held again: 409 naming the holder")
    void aHeldUnitIsNotHeldTwice() {
        assertThatThrownBy(() -> aHeldUnit().hold(aHold("rep-2", "李娜")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.type()).isEqualTo("unit-already-held");
                    assertThat(e.detail()).contains("房源 3-1702 已被 张伟 保留").contains("rep-1");
                });
    }

    @Test
    @DisplayName("R-DEAL-2 R-DEAL-1 a unit is holdable when AVAILABLE or when its hold ran out with no deposit request waiting — as hold() decides it")
    void holdableAsHoldDecides() {
        Instant later = NOW.plus(Duration.ofMinutes(30));
        assertThat(anAvailableUnit().holdableAt(NOW)).isTrue();
        assertThat(aHeldUnit().holdableAt(NOW.plus(Duration.ofMinutes(29)))).isFalse();
        assertThat(aHeldUnit().holdableAt(later)).isTrue();
        assertThat(aHeldUnit().hold(new Unit.Hold("h-2", "c-2", "李先生", "rep-2", "李娜", later, later.plus(Duration.ofMinutes(30))))
                .hold().repUserId()).isEqualTo("rep-2");
        Unit waiting = aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "20000"));
        assertThat(waiting.holdableAt(later)).isFalse();
        assertThatThrownBy(() -> waiting.hold(new Unit.Hold("h-2", "c-2", "李先生", "rep-2", "李娜", later, later.plus(Duration.ofMinutes(30)))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(anAvailableUnit().reserve(new Unit.Reservation("ctl", "吴销控", "领导保留", NOW)).holdableAt(later)).isFalse();
    }

    @Test
    @DisplayName("R-DEAL-1 a RESERVED or sold unit is not held")
    void reservedAndSoldUnitsAreNotHeld() {
        Unit reserved = anAvailableUnit().reserve(new Unit.Reservation("ctl", "吴销控", "领导保留", NOW));
        assertThatThrownBy(() -> reserved.hold(aHold("rep-2", "李娜"))).hasMessageContaining("销控");
        Unit sold = aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "20000"))
                .confirmDeposit("req-SMALL20000", "SH01-2026-000001", Money.of(20000), "CASH", NOW, NOW.plus(Duration.ofDays(7)), null).unit();
        assertThatThrownBy(() -> sold.hold(aHold("rep-2", "李娜"))).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.type()).isEqualTo("unit-not-available"));
    }

    @Test
    @DisplayName("R-DEAL-1 SALES_CONTROL reserves an available unit and puts it back on sale")
    void salesControlReservesAndReleases() {
        Unit reserved = anAvailableUnit().reserve(new Unit.Reservation("ctl", "吴销控", "领导保留", NOW));
        assertThat(reserved.status()).isEqualTo(UnitStatus.RESERVED);
        assertThat(reserved.endReservation().status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThatThrownBy(() -> aHeldUnit().reserve(new Unit.Reservation("ctl", "吴销控", "x", NOW))).isInstanceOf(ProblemException.class);
    }

    @Test
    @DisplayName("R-DEAL-3 FINANCE's confirmation of a small deposit moves HELD to SMALL_DEPOSIT, lapsing after smallDepositDays")
    void aSmallDepositKeepsTheUnitForItsDays() {
        Unit small = aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "20000"))
                .confirmDeposit("req-SMALL20000", "SH01-2026-000001", Money.of(20000), "CASH", NOW, NOW.plus(Duration.ofDays(7)), null).unit();
        assertThat(small.status()).isEqualTo(UnitStatus.SMALL_DEPOSIT);
        assertThat(small.sale().paid()).isEqualTo(Money.of(20000));
        assertThat(small.smallDepositLapsedAt(NOW.plus(Duration.ofDays(6)))).isFalse();
        assertThat(small.smallDepositLapsedAt(NOW.plus(Duration.ofDays(7)))).isTrue();
        assertThat(small.lapse().status()).isEqualTo(UnitStatus.AVAILABLE);
    }

    @Test
    @DisplayName("R-DEAL-4 a big deposit issues the numbered agreement with the balance computed from price and deposits")
    void aBigDepositIssuesTheAgreement() {
        Unit small = aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "20000"))
                .confirmDeposit("req-SMALL20000", "R1", Money.of(20000), "CASH", NOW, NOW.plus(Duration.ofDays(7)), null).unit();
        Unit big = small.requestDeposit(aRequest(DepositKind.BIG, "180000"))
                .confirmDeposit("req-BIG180000", "R2", Money.of(180000), "TRANSFER", NOW, null, "RG-SH01-2026-000001").unit();
        assertThat(big.status()).isEqualTo(UnitStatus.BIG_DEPOSIT);
        Unit.Agreement agreement = big.sale().agreement();
        assertThat(agreement.number()).isEqualTo("RG-SH01-2026-000001");
        assertThat(agreement.price()).isEqualTo(Money.of("3544200.00")); // 3,580,000 less 1 %
        assertThat(agreement.deposits()).isEqualTo(Money.of(200000));
        assertThat(agreement.balance()).isEqualTo(Money.of("3344200.00"));
    }

    @Test
    @DisplayName("R-FIN-2 the same confirmation twice counts once; one for a hold that is gone is rejected")
    void theSameConfirmationCountsOnce() {
        Unit held = aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "20000"));
        Unit.Confirmation first = held.confirmDeposit("req-SMALL20000", "R1", Money.of(20000), "CASH", NOW, NOW.plus(Duration.ofDays(7)), null);
        Unit.Confirmation again = first.unit().confirmDeposit("req-SMALL20000", "R1", Money.of(20000), "CASH", NOW, NOW.plus(Duration.ofDays(7)), null);
        assertThat(again.outcome()).isEqualTo(Unit.Outcome.ALREADY_COUNTED);
        assertThat(again.unit()).isEqualTo(first.unit());
        Unit lapsed = held.lapse();
        assertThat(lapsed.confirmDeposit("req-SMALL20000", "R1", Money.of(20000), "CASH", NOW, null, null).outcome())
                .isEqualTo(Unit.Outcome.REJECTED);
    }

    @Test
    @DisplayName("R-DEAL-4 a deposit larger than the price is refused")
    void aDepositLargerThanThePriceIsRefused() {
        assertThatThrownBy(() -> aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "3544200.01")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo("deposit-exceeds-price"));
        assertThat(aHeldUnit().requestDeposit(aRequest(DepositKind.SMALL, "3544200.00")).request()).isNotNull();
    }

    @Test
    @DisplayName("R-SEC-2 a deposit request marks nothing paid: the unit stays HELD until FINANCE confirms")
    void aRequestIsNotAPayment() {
        Unit requested = aHeldUnit().requestDeposit(aRequest(DepositKind.BIG, "200000"));
        assertThat(requested.status()).isEqualTo(UnitStatus.HELD);
        assertThat(requested.sale()).isNull();
        assertThatThrownBy(() -> requested.requestDeposit(aRequest(DepositKind.SMALL, "1000")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo("deposit-already-requested"));
    }
}
