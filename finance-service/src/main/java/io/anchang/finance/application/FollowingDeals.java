package io.anchang.finance.application;

import io.anchang.finance.domain.Due;
import io.anchang.finance.domain.DueKind;
import io.anchang.finance.domain.Mortgage;
import io.anchang.finance.domain.RefundDue;
import io.anchang.platform.events.deal.BreachRuled;
import io.anchang.platform.events.deal.ContractSigned;
import io.anchang.platform.events.deal.NameChangeRequested;
import io.anchang.platform.events.deal.NameChanged;
import io.anchang.platform.events.deal.Refunded;
import io.anchang.platform.events.finance.PaymentDue;
import io.anchang.platform.events.finance.ReceiptReversed;
import io.anchang.platform.events.finance.ReceiptVoided;
import io.anchang.platform.events.finance.VoucherVoided;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the desk hears after the deposit, each applied once: a contract's terms become amounts due (R-FIN-3)
 * and its mortgage is tracked (R-FIN-7); a transfer fee (R-DEAL-8) or a penalty (R-DEAL-9) is due; a refund
 * (R-DEAL-10) or a cancellation for breach owes money back and cancels what was still due; a voided or reversed
 * receipt makes its amount due again, a voided voucher its refund owed again (R-FIN-1, R-FIN-7).
 */
public class FollowingDeals {

    private static final Caller SYSTEM = Caller.system("finance-service");

    private final Dues dues;
    private final Mortgages mortgages;
    private final RefundsDue refunds;
    private final DeskCalendar calendar;

    public FollowingDeals(Dues dues, Mortgages mortgages, RefundsDue refunds, DeskCalendar calendar) {
        this.dues = dues;
        this.mortgages = mortgages;
        this.refunds = refunds;
        this.calendar = calendar;
    }

    /** R-FIN-3: each term of the contract is an amount due on its day; a mortgage term is tracked too (R-FIN-7). */
    public Mono<Void> contractSigned(ContractSigned c) {
        Instant now = calendar.now();
        return Flux.fromIterable(c.terms()).concatMap(term -> {
            Due due = new Due(c.dealId() + ":" + term.no(), c.siteId(), c.dealId(), c.unitId(), c.unitLabel(), c.buyerName(),
                    DueKind.valueOf(term.kind()), term.no(), new Money(term.amount()), term.dueOn(), Due.Status.OPEN, null, List.of(),
                    false, false, now, 0);
            Mono<Void> mortgage = due.kind() != DueKind.MORTGAGE ? Mono.empty() : mortgages.open(new Mortgage(c.dealId(), c.siteId(), c.unitId(),
                    c.unitLabel(), c.buyerName(), due.amount(), due.dueId(), Mortgage.Stage.NOT_APPLIED, null, null, List.of(), 0));
            return open(due).then(mortgage);
        }).then();
    }

    /** R-DEAL-8, R-FIN-4: the transfer fee is due today at the desk. */
    public Mono<Void> nameChangeRequested(NameChangeRequested n) {
        return calendar.zone(n.siteId()).flatMap(zone -> open(new Due("fee:" + n.nameChangeId(), n.siteId(), n.dealId(), n.unitId(),
                n.unitLabel(), n.fromName(), DueKind.TRANSFER_FEE, 0, new Money(n.fee()), LocalDate.ofInstant(n.requestedAt(), zone),
                Due.Status.OPEN, n.nameChangeId(), List.of(), false, false, calendar.now(), 0)));
    }

    /** R-DEAL-8: the new buyer pays what is still due. */
    public Mono<Void> nameChanged(NameChanged n) {
        if (!n.afterContract()) {
            return Mono.empty();
        }
        return each(n.siteId(), n.dealId(), due -> due.status() == Due.Status.OPEN && !n.toName().equals(due.payerName())
                ? Optional.of(due.payer(n.toName())) : Optional.empty(), due -> List.of());
    }

    /**
     * R-DEAL-9: a penalty is due today; a cancellation cancels what is still due (no more reminders) and owes back
     * what the MANAGER said.
     */
    public Mono<Void> breachRuled(BreachRuled b) {
        if ("PENALTY".equals(b.ruling())) {
            return calendar.zone(b.siteId()).flatMap(zone -> open(new Due("penalty:" + b.breachId(), b.siteId(), b.dealId(), b.unitId(),
                    b.unitLabel(), null, DueKind.PENALTY, 0, new Money(b.penalty()), LocalDate.ofInstant(b.ruledAt(), zone), Due.Status.OPEN,
                    b.breachId(), List.of(), false, false, calendar.now(), 0)));
        }
        return each(b.siteId(), b.dealId(), Due::cancel, due -> List.of())
                .then(owed("breach-" + b.breachId(), b.siteId(), b.dealId(), b.unitId(), b.unitLabel(), b.refundAmount(), "BREACH_CANCELLED",
                        b.ruledAt()));
    }

    /** R-DEAL-10: what the MANAGER's approval pays back is owed; nothing when all was forfeited. */
    public Mono<Void> refunded(Refunded r) {
        return each(r.siteId(), r.dealId(), Due::cancel, due -> List.of())
                .then(owed("refund-" + r.dealId(), r.siteId(), r.dealId(), r.unitId(), r.unitLabel(), r.refundAmount(), "REFUND_APPROVED",
                        r.refundedAt()));
    }

    private Mono<Void> owed(String refundId, String site, String dealId, String unitId, String unitLabel, java.math.BigDecimal amount,
                            String reason, Instant at) {
        if (amount == null || amount.signum() <= 0) {
            return Mono.empty();
        }
        return refunds.open(new RefundDue(refundId, site, null, unitId, unitLabel, null, new Money(amount), reason, at, RefundDue.OPEN, dealId,
                java.util.List.of(), 0));
    }

    /** R-FIN-1: a voided receipt's amount is due again. */
    public Mono<Void> receiptVoided(ReceiptVoided v) {
        return v.dueId() == null ? Mono.empty() : undo(v.siteId(), v.dueId(), v.receiptNo());
    }

    /** R-FIN-7: a reversed receipt's amount is due again. */
    public Mono<Void> receiptReversed(ReceiptReversed r) {
        return r.dueId() == null ? Mono.empty() : undo(r.siteId(), r.dueId(), r.reverses());
    }

    /** R-FIN-1: what a voided voucher paid out of its refund is owed again. */
    public Mono<Void> voucherVoided(VoucherVoided v) {
        return undoPayout(v.siteId(), v.refundId(), v.voucherNo());
    }

    /** R-FIN-7: what a reversed voucher paid out of its refund is owed again. */
    public Mono<Void> voucherReversed(io.anchang.platform.events.finance.VoucherReversed r) {
        return undoPayout(r.siteId(), r.refundId(), r.reverses());
    }

    private Mono<Void> undoPayout(String site, String refundId, String voucherNo) {
        if (refundId == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> refunds.find(SiteScope.system(), site, refundId)
                        .flatMap(refund -> refund.undo(voucherNo).map(after -> refunds.save(SYSTEM, after)
                                .flatMap(written -> written ? Mono.<Void>empty() : Mono.<Void>error(new CollectingPayments.Raced())))
                                .orElse(Mono.empty())))
                .retryWhen(Retry.max(10).filter(CollectingPayments.Raced.class::isInstance));
    }

    private Mono<Void> undo(String site, String dueId, String receiptNo) {
        return Mono.defer(() -> dues.find(SiteScope.system(), site, dueId)
                        .flatMap(due -> due.undo(receiptNo).map(after -> dues.save(SYSTEM, after, List.of())
                                .flatMap(written -> written ? Mono.<Void>empty() : Mono.<Void>error(new CollectingPayments.Raced())))
                                .orElse(Mono.empty())))
                .retryWhen(Retry.backoff(10, java.time.Duration.ofMillis(20)).filter(CollectingPayments.Raced.class::isInstance));
    }

    private Mono<Void> open(Due due) {
        return dues.open(due, PendingEvent.of(due.siteId(), due.dueId(), new PaymentDue(due.dueId(), due.siteId(), due.dealId(), due.unitId(),
                due.unitLabel(), due.kind().name(), due.amount().amount(), due.dueOn(), due.subject(), due.openedAt()))
                .because("R-FIN-3 " + due.kind().chinese() + " 应付日 " + due.dueOn()));
    }

    /** Applies {@code change} to every amount due of the deal, each by a conditional write, read again after a lost race. */
    private Mono<Void> each(String site, String dealId, Function<Due, Optional<Due>> change, Function<Due, List<PendingEvent>> events) {
        return dues.ofDeal(site, dealId).concatMap(due -> Mono.defer(() -> dues.find(SiteScope.system(), site, due.dueId())
                        .flatMap(current -> change.apply(current).map(after -> dues.save(SYSTEM, after, events.apply(after))
                                .flatMap(written -> written ? Mono.<Void>empty() : Mono.<Void>error(new CollectingPayments.Raced())))
                                .orElse(Mono.empty())))
                .retryWhen(Retry.backoff(10, java.time.Duration.ofMillis(20)).filter(CollectingPayments.Raced.class::isInstance))).then();
    }
}
