package io.anchang.finance.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A refund due paid out in parts, in plain Java (R-FIN-4, R-DEAL-10, R-FIN-1). */
class RefundDueTest {

    static RefundDue refund(String amount) {
        return new RefundDue("refund-deal-1", "SH01", null, "SH01-1-402", "1-402", null, Money.of(amount), "REFUND_APPROVED",
                Instant.EPOCH, RefundDue.OPEN);
    }

    static RefundDue.Payout payout(String id, String amount, String voucherNo) {
        return new RefundDue.Payout(id, "req-" + id, Money.of(amount), PaymentMethod.TRANSFER, "BANK-1", "钱女士", "fin", "赵会计",
                Instant.EPOCH, LocalDate.of(2026, 3, 10), voucherNo, false);
    }

    @Test
    @DisplayName("R-FIN-4 R-DEAL-10 payouts count towards the refund until it is paid in full; more than remains is refused and changes nothing")
    void payoutsUpToTheRefund() {
        RefundDue part = refund("15000.00").pay(payout("p1", "5000.00", null));
        assertThat(part.paid()).isEqualTo(Money.of("5000.00"));
        assertThat(part.remaining()).isEqualTo(Money.of("10000.00"));
        assertThat(part.status()).isEqualTo(RefundDue.OPEN);
        assertThatThrownBy(() -> part.pay(payout("p2", "10000.01", null))).isInstanceOf(ProblemException.class)
                .hasFieldOrPropertyWithValue("type", "payout-exceeds-refund");
        assertThat(part.payouts()).hasSize(1);
        RefundDue settled = part.pay(payout("p2", "10000.00", null));
        assertThat(settled.status()).isEqualTo(RefundDue.PAID);
        assertThat(settled.remaining()).isEqualTo(Money.of("0.00"));
        assertThatThrownBy(() -> settled.pay(payout("p3", "0.01", null))).hasFieldOrPropertyWithValue("type", "refund-paid");
    }

    @Test
    @DisplayName("R-FIN-1 R-FIN-4 a voided or reversed voucher's payout no longer counts: what it paid is owed again, once")
    void aVoidedPayoutIsOwedAgain() {
        RefundDue paid = refund("15000.00").pay(payout("p1", "5000.00", null)).vouchered("p1", "FK-1")
                .pay(payout("p2", "10000.00", null)).vouchered("p2", "FK-2");
        assertThat(paid.status()).isEqualTo(RefundDue.PAID);
        assertThat(paid.voucherNo()).isEqualTo("FK-2");
        RefundDue again = paid.undo("FK-1").orElseThrow();
        assertThat(again.status()).isEqualTo(RefundDue.OPEN);
        assertThat(again.remaining()).isEqualTo(Money.of("5000.00"));
        assertThat(again.undo("FK-1")).isEmpty();
        assertThat(again.undo("FK-9")).isEmpty();
        assertThat(again.pay(payout("p3", "5000.00", null)).status()).isEqualTo(RefundDue.PAID);
    }
}
