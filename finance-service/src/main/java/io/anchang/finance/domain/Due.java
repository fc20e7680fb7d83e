package io.anchang.finance.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An amount due at the finance desk (R-FIN-3): one term of a contract's schedule, a transfer fee (R-DEAL-8)
 * or a breach penalty (R-DEAL-9). FINANCE records payments against it (R-SEC-2), each with its receipt;
 * a voided or reversed receipt makes its amount due again. Every change is conditional on {@code version}.
 *
 * @param subject    the name change a transfer fee is for, or the breach case of a penalty
 * @param payments   what was paid against it, each by its payment id (the receipt's request id)
 * @param overdue    whether the daily check announced it overdue; {@code breach}: past {@code breachMonths}
 */
public record Due(String dueId, String siteId, String dealId, String unitId, String unitLabel, String payerName, DueKind kind,
                  int termNo, Money amount, LocalDate dueOn, Status status, String subject, List<Payment> payments,
                  boolean overdue, boolean breach, Instant openedAt, long version) {

    public enum Status { OPEN, PAID, CANCELLED }

    public Due {
        payments = payments == null ? List.of() : List.copyOf(payments);
    }

    /**
     * One payment: its id (also its receipt's request id), amount, and the receipt once issued; {@code undone}
     * when its receipt was voided or reversed (then it no longer counts).
     */
    public record Payment(String paymentId, Money amount, PaymentMethod method, String reference, String by, String byName,
                          Instant at, LocalDate businessDay, String receiptNo, boolean undone) {

        /**
         * R-FIN-1, R-SEC-2: whether a payment sent again with this payment's request id asks for the same money — amount,
         * method, reference, cashier. Another one reuses the id for a different payment: refused, never answered with this
         * payment's receipt (the second payment would be lost).
         */
        public boolean asks(Money amount, PaymentMethod method, String reference, String by) {
            return this.amount.compareTo(amount) == 0 && this.method == method
                    && java.util.Objects.equals(blankToNull(this.reference), blankToNull(reference))
                    && (this.by == null || this.by.equals(by));
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.trim();
        }
    }

    /** 409 for a request id already used for another payment or payout: nothing is recorded (R-FIN-1). */
    public static ProblemException requestIdReused(String what) {
        return ProblemException.conflict("request-id-reused", "这个请求编号已用于另一笔不同的" + what + "，请用新的请求编号重新提交，"
                + "此次未记录任何款项 (This requestId was already used for a different request; nothing was recorded — submit again with a new one)");
    }

    public Money paid() {
        return payments.stream().filter(p -> !p.undone()).map(Payment::amount).reduce(Money.ZERO, Money::plus);
    }

    public Money outstanding() {
        return status == Status.CANCELLED ? Money.ZERO : amount.minus(paid());
    }

    public Optional<Payment> payment(String paymentId) {
        return payments.stream().filter(p -> p.paymentId().equals(paymentId)).findFirst();
    }

    /**
     * R-FIN-3: FINANCE records {@code payment} against this amount: never more than what is outstanding, never on
     * one that is paid or cancelled. The due is PAID when nothing is left.
     */
    public Due pay(Payment payment) {
        if (status == Status.CANCELLED) {
            throw ProblemException.conflict("due-cancelled", "该应收款已取消（合同已解除） (This amount due was cancelled)");
        }
        if (status == Status.PAID || !outstanding().isPositive()) {
            throw ProblemException.conflict("due-paid", "该应收款已全部收讫 (This amount due is paid in full)");
        }
        if (payment.amount().compareTo(outstanding()) > 0) {
            throw new ProblemException(400, "payment-exceeds-due", "Invalid request", "收款 " + payment.amount() + " 元超过尚欠 "
                    + outstanding() + " 元 (The payment may not exceed what is outstanding: " + outstanding() + ")",
                    Map.of("outstanding", outstanding().toString()));
        }
        List<Payment> next = new ArrayList<>(payments);
        next.add(payment);
        Due after = with(status, next);
        return after.outstanding().isPositive() ? after : after.with(Status.PAID, next);
    }

    /** The payment {@code paymentId} got its receipt. */
    public Due receipted(String paymentId, String receiptNo) {
        List<Payment> next = payments.stream().map(p -> p.paymentId().equals(paymentId) ? new Payment(p.paymentId(), p.amount(), p.method(),
                p.reference(), p.by(), p.byName(), p.at(), p.businessDay(), receiptNo, p.undone()) : p).toList();
        return with(status, next);
    }

    /**
     * R-FIN-1, R-FIN-7: the receipt {@code receiptNo} was voided or reversed: its payment no longer counts and its
     * amount is due again. Empty when that was done already (or the receipt paid nothing here).
     */
    public Optional<Due> undo(String receiptNo) {
        Optional<Payment> paid = payments.stream().filter(p -> receiptNo.equals(p.receiptNo()) && !p.undone()).findFirst();
        if (paid.isEmpty()) {
            return Optional.empty();
        }
        List<Payment> next = payments.stream().map(p -> p == paid.get() ? new Payment(p.paymentId(), p.amount(), p.method(),
                p.reference(), p.by(), p.byName(), p.at(), p.businessDay(), p.receiptNo(), true) : p).toList();
        return Optional.of(with(status == Status.PAID ? Status.OPEN : status, next));
    }

    /** R-DEAL-9: the contract was cancelled: what is still due is not. */
    public Optional<Due> cancel() {
        return status == Status.OPEN ? Optional.of(with(Status.CANCELLED, payments)) : Optional.empty();
    }

    /** R-FIN-3: unpaid after its day, judged on {@code today} of the site's calendar. Mortgages are the bank's (R-FIN-7). */
    public boolean overdueOn(LocalDate today) {
        return status == Status.OPEN && outstanding().isPositive() && today.isAfter(dueOn);
    }

    /** R-DEAL-9: overdue more than {@code breachMonths} on {@code today}. */
    public boolean pastBreachOn(LocalDate today, int breachMonths) {
        return overdueOn(today) && today.isAfter(dueOn.plusMonths(breachMonths));
    }

    public long daysOverdue(LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(dueOn, today));
    }

    /** The daily check announced it overdue, or past the breach limit. */
    public Due announced(boolean overdueNow, boolean breachNow) {
        return new Due(dueId, siteId, dealId, unitId, unitLabel, payerName, kind, termNo, amount, dueOn, status, subject, payments,
                overdue || overdueNow, breach || breachNow, openedAt, version);
    }

    public Due payer(String name) {
        return new Due(dueId, siteId, dealId, unitId, unitLabel, name, kind, termNo, amount, dueOn, status, subject, payments, overdue,
                breach, openedAt, version);
    }

    private Due with(Status nextStatus, List<Payment> nextPayments) {
        return new Due(dueId, siteId, dealId, unitId, unitLabel, payerName, kind, termNo, amount, dueOn, nextStatus, subject, nextPayments,
                overdue, breach, openedAt, version);
    }
}
