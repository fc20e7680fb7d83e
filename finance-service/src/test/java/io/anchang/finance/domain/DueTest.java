package io.anchang.finance.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of an amount due in plain Java (R-FIN-3, R-FIN-1, R-DEAL-9). */
class DueTest {

    static final LocalDate DUE_ON = LocalDate.of(2026, 3, 10);

    static Due due(String amount) {
        return new Due("d1", "SH01", "deal", "SH01-1-402", "1-402", "吴建国", DueKind.INSTALMENT, 2, Money.of(amount), DUE_ON,
                Due.Status.OPEN, null, List.of(), false, false, Instant.EPOCH, 1);
    }

    static Due.Payment payment(String id, String amount) {
        return new Due.Payment(id, Money.of(amount), PaymentMethod.CASH, null, "fin", "赵会计", Instant.EPOCH, DUE_ON, null, false);
    }

    @Test
    @DisplayName("R-FIN-3 payments count towards the amount until it is paid in full; more than outstanding is refused")
    void paymentsUpToTheAmount() {
        Due half = due("500000.00").pay(payment("p1", "200000.00"));
        assertThat(half.outstanding()).isEqualTo(Money.of("300000.00"));
        assertThat(half.status()).isEqualTo(Due.Status.OPEN);
        assertThatThrownBy(() -> half.pay(payment("p2", "300000.01"))).isInstanceOf(ProblemException.class)
                .hasFieldOrPropertyWithValue("type", "payment-exceeds-due");
        Due paid = half.pay(payment("p2", "300000.00"));
        assertThat(paid.status()).isEqualTo(Due.Status.PAID);
        assertThatThrownBy(() -> paid.pay(payment("p3", "1"))).hasFieldOrPropertyWithValue("type", "due-paid");
    }

    @Test
    @DisplayName("R-FIN-1 R-FIN-7 a voided or reversed receipt's payment no longer counts: the amount is due again, once")
    void anUndoneReceiptIsDueAgain() {
        Due paid = due("500000.00").pay(payment("p1", "500000.00")).receipted("p1", "SH01-2026-000007");
        Due again = paid.undo("SH01-2026-000007").orElseThrow();
        assertThat(again.status()).isEqualTo(Due.Status.OPEN);
        assertThat(again.outstanding()).isEqualTo(Money.of("500000.00"));
        assertThat(again.undo("SH01-2026-000007")).isEmpty();
    }

    @Test
    @DisplayName("R-FIN-3 R-DEAL-9 overdue the day after its day; a breach only more than breachMonths after it")
    void overdueAndBreachByTheCalendar() {
        Due due = due("500000.00");
        assertThat(due.overdueOn(DUE_ON)).isFalse();
        assertThat(due.overdueOn(DUE_ON.plusDays(1))).isTrue();
        assertThat(due.daysOverdue(DUE_ON.plusDays(1))).isEqualTo(1);
        assertThat(due.pastBreachOn(DUE_ON.plusMonths(2), 2)).isFalse();
        assertThat(due.pastBreachOn(DUE_ON.plusMonths(2).plusDays(1), 2)).isTrue();
        Due paid = due.pay(payment("p1", "500000.00"));
        assertThat(paid.overdueOn(DUE_ON.plusYears(1))).isFalse();
        assertThat(due.cancel().orElseThrow().overdueOn(DUE_ON.plusYears(1))).isFalse();
    }

    @Test
    @DisplayName("R-FIN-5 the cash report's totals are its counted receipts less its vouchers, by method; voided ones listed, not counted")
    void theCashReportReconciles() {
        Receipt cash = receipt("SH01-2026-000001", "1000.50", PaymentMethod.CASH, null);
        Receipt transfer = receipt("SH01-2026-000002", "300000.00", PaymentMethod.TRANSFER, null);
        Receipt voided = receipt("SH01-2026-000003", "99.00", PaymentMethod.CASH, new Voiding("重复", "fin", "赵会计", Instant.EPOCH));
        Receipt reversal = receipt("SH01-2026-000004", "-500.00", PaymentMethod.CASH, null);
        Voucher payout = new Voucher("FK-SH01-2026-000001", "SH01", 2026, 1, "r1", "u", "1-101", "REFUND_APPROVED", Money.of("2000.00"),
                PaymentMethod.CASH, null, "钱女士", "fin", "赵会计", Instant.EPOCH, DUE_ON, false, null);
        CashReport report = CashReport.of("SH01", DUE_ON, false, List.of(transfer, voided, cash, reversal), List.of(payout));
        assertThat(report.received()).isEqualTo(Money.of("300500.50"));
        assertThat(report.paidOut()).isEqualTo(Money.of("2000.00"));
        assertThat(report.net()).isEqualTo(Money.of("298500.50"));
        assertThat(report.byMethod().get(PaymentMethod.CASH).net()).isEqualTo(Money.of("-1499.50"));
        assertThat(report.receiptCount()).isEqualTo(3);
        assertThat(report.receipts()).extracting(Receipt::number).startsWith("SH01-2026-000001");
    }

    @Test
    @DisplayName("R-FIN-7 a mortgage goes applied → approved (at most the loan) → loan paid; no step out of order")
    void aMortgagesSteps() {
        Mortgage m = new Mortgage("deal", "SH01", "u", "1-402", "吴建国", Money.of("1000000.00"), "deal:3", Mortgage.Stage.NOT_APPLIED, null,
                null, List.of(), 1);
        assertThatThrownBy(() -> m.progress(Mortgage.Stage.APPROVED, null, Money.of("1"), null, "fin", Instant.EPOCH))
                .hasFieldOrPropertyWithValue("type", "mortgage-step-invalid");
        Mortgage applied = m.progress(Mortgage.Stage.APPLIED, "中国银行", null, null, "fin", Instant.EPOCH);
        assertThatThrownBy(() -> applied.progress(Mortgage.Stage.APPROVED, null, Money.of("1000000.01"), null, "fin", Instant.EPOCH))
                .hasFieldOrPropertyWithValue("type", "approved-amount-invalid");
        Mortgage approved = applied.progress(Mortgage.Stage.APPROVED, null, Money.of("900000.00"), null, "fin", Instant.EPOCH);
        assertThat(approved.bank()).isEqualTo("中国银行");
        Mortgage paid = approved.loanPaid(Money.of("1000000.00"), "SH01-2026-000009", "fin", Instant.EPOCH).orElseThrow();
        assertThat(paid.stage()).isEqualTo(Mortgage.Stage.LOAN_PAID);
        assertThat(paid.loanPaid(Money.of("1"), "x", "fin", Instant.EPOCH)).isEmpty();
    }

    private static Receipt receipt(String number, String amount, PaymentMethod method, Voiding voided) {
        return new Receipt(number, "SH01", 2026, 1, number, "u", "1-101", "王", null, "INSTALMENT", Money.of(amount), method, null, "fin",
                "赵会计", Instant.EPOCH, new Receipt.Ledger("d", "deal", DUE_ON, false, voided, null, null));
    }
}
