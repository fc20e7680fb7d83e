package io.anchang.finance.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R-DEAL-2, R-FIN-2: the finance desk judges a confirmation by the time it is made, against the request's deadline. */
class DepositRequestTest {

    static final Instant DEADLINE = Instant.parse("2026-11-27T02:30:00Z");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static DepositRequest request(DepositRequest.Status status, DepositRequest.Payment payment) {
        return new DepositRequest("req-1", "SH01", "SH01-3-1702", "3-1702", "hold-1", "c-1", "王先生", "rep-1", "张伟", "SMALL",
                Money.of(20000), Money.of(3_000_000), DEADLINE, DEADLINE.minus(Duration.ofMinutes(30)), status,
                payment == null ? null : "SH01-2026-000001", DEADLINE, payment);
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 a confirmation a millisecond before the deadline is in time")
    void inTime() {
        assertThat(request(DepositRequest.Status.QUEUED, null).judge(Money.of(20000), PaymentMethod.CASH, null, false,
                DEADLINE.minusMillis(1), SHANGHAI)).isEqualTo(DepositRequest.Verdict.IN_TIME);
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 a confirmation 1.1 s after the deadline is refused, telling the cashier to take no money")
    void lateIsRefused() {
        assertThatThrownBy(() -> request(DepositRequest.Status.QUEUED, null).judge(Money.of(20000), PaymentMethod.CASH, null, false,
                DEADLINE.plusMillis(1100), SHANGHAI)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.type()).isEqualTo("deposit-deadline-passed");
            assertThat(e.detail()).contains("2026-11-27 10:30:00", "请勿收款");
            assertThat(e.properties()).containsEntry("takeNoMoney", true);
        });
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 money already in hand after the deadline, or for a cancelled or lapsed request, is recorded (and refunded)")
    void moneyInHandIsRecorded() {
        for (DepositRequest.Status status : new DepositRequest.Status[]{DepositRequest.Status.QUEUED, DepositRequest.Status.LAPSED,
                DepositRequest.Status.CANCELLED}) {
            assertThat(request(status, null).judge(Money.of(20000), PaymentMethod.CASH, null, true, DEADLINE.plusSeconds(5), SHANGHAI))
                    .isEqualTo(DepositRequest.Verdict.LATE_CASH_IN_HAND);
        }
    }

    @Test
    @DisplayName("R-FIN-2 issue 10: the same payment again is a repeat, answered with the first receipt; another payment is refused")
    void repeatsAndSecondPayments() {
        DepositRequest.Payment paid = new DepositRequest.Payment(Money.of(20000), PaymentMethod.TRANSFER, "ICBC-1", false, "fin", "赵会计",
                DEADLINE.minusSeconds(60), DepositRequest.Lateness.IN_TIME);
        DepositRequest confirmed = request(DepositRequest.Status.CONFIRMED, paid);
        assertThat(confirmed.judge(Money.of("20000.00"), PaymentMethod.TRANSFER, " ICBC-1 ", false, DEADLINE.plusSeconds(60), SHANGHAI))
                .isEqualTo(DepositRequest.Verdict.REPEAT);
        assertThatThrownBy(() -> confirmed.judge(Money.of(20000), PaymentMethod.TRANSFER, "ICBC-2", false, DEADLINE, SHANGHAI))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo("deposit-already-confirmed"));
    }
}
