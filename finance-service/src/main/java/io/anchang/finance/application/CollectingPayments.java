package io.anchang.finance.application;

import io.anchang.finance.domain.Due;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.Receipt;
import io.anchang.platform.events.finance.PaymentRecorded;
import io.anchang.platform.money.AmountInput;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * R-FIN-3, R-FIN-4, R-FIN-7: FINANCE records what is paid against an amount due — the down payment, an
 * instalment, the mortgage loan the bank paid out, a transfer fee, a penalty — each with a receipt numbered
 * gap-free per site and year (R-FIN-1), booked on today's desk day unless it is closed. Only FINANCE records
 * money (R-SEC-2); finance-service refuses and audits anyone else before this runs.
 *
 * <p>A payment is claimed on the amount due (one conditional write, so two cashiers never take more than is
 * due), then its receipt is issued with {@code finance.payment-recorded} in the receipt's own write, then the
 * due notes the receipt. A repeat with the same {@code requestId} answers the first receipt; a payment
 * interrupted between the steps is finished by {@link #finishInterrupted} with the same receipt.
 */
public class CollectingPayments {

    private final Dues dues;
    private final Receipts receipts;
    private final DeskCalendar calendar;

    public CollectingPayments(Dues dues, Receipts receipts, DeskCalendar calendar) {
        this.dues = dues;
        this.receipts = receipts;
        this.calendar = calendar;
    }

    /** What FINANCE enters: the amount (string or number), currency, method and reference. */
    public record Payment(Object amount, String currency, PaymentMethod method, String reference) {
    }

    public Mono<Receipts.Issued> pay(Caller caller, String site, String dueId, Payment payment, String requestId) {
        caller.requireOn(site, Role.FINANCE);
        Money amount = AmountInput.positive(payment.amount(), payment.currency(), "amount");
        checkMethod(payment.method(), payment.reference());
        String paymentId = requestId == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("pay|" + site + "|" + dueId + "|" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
        return requireDue(caller.scope(), site, dueId).flatMap(found -> {
            if (found.payment(paymentId).isPresent()) {
                requireSame(found.payment(paymentId).get(), amount, payment, caller);
                return finish(found, paymentId);
            }
            return calendar.openToday(site).flatMap(today -> claim(caller, site, dueId, paymentId, amount, payment, today))
                    .flatMap(claimed -> finish(claimed, paymentId));
        });
    }

    /** R-FIN-3: the payment claimed on the due, decided again if another write came first. */
    private Mono<Due> claim(Caller caller, String site, String dueId, String paymentId, Money amount, Payment payment, LocalDate today) {
        Instant now = calendar.now();
        return Mono.defer(() -> requireDue(SiteScope.system(), site, dueId).flatMap(due -> {
                    if (due.payment(paymentId).isPresent()) {
                        // a repeat that claimed it first (a race of the same request id)
                        requireSame(due.payment(paymentId).get(), amount, payment, caller);
                        return Mono.just(due);
                    }
                    Due after = due.pay(new Due.Payment(paymentId, amount, payment.method(), blankToNull(payment.reference()), caller.userId(),
                            caller.name(), now, today, null, false));
                    return dues.save(caller, after, List.of()).flatMap(written -> written ? Mono.just(next(after)) : Mono.error(new Raced()));
                }))
                .retryWhen(Retry.max(10).filter(Raced.class::isInstance))
                .onErrorMap(e -> reactor.core.Exceptions.isRetryExhausted(e) ? ProblemException.conflict("due-changed",
                        "该应收款刚被改动，请刷新后重试 (The amount due changed meanwhile; reload and try again)") : e);
    }

    /** R-FIN-1: a repeat answers the first receipt only when it asks for the same payment; else 409, nothing recorded. */
    private static void requireSame(Due.Payment first, Money amount, Payment payment, Caller caller) {
        if (!first.asks(amount, payment.method(), payment.reference(), caller.userId())) {
            throw Due.requestIdReused("收款");
        }
    }

    /** The receipt of the payment (the first one if it has one), then the due notes it. */
    private Mono<Receipts.Issued> finish(Due due, String paymentId) {
        Due.Payment p = due.payment(paymentId).orElseThrow();
        Caller cashier = new Caller(p.by(), p.byName(), Set.of(Role.FINANCE), SiteScope.of(due.siteId()));
        return receipts.ofRequest(paymentId).map(r -> new Receipts.Issued(r, false))
                .switchIfEmpty(Mono.defer(() -> receipts.issue(cashier, seq -> new Receipt(Receipt.number(due.siteId(), p.businessDay().getYear(), seq),
                                due.siteId(), p.businessDay().getYear(), seq, paymentId, due.unitId(), due.unitLabel(), due.payerName(), null,
                                due.kind().name(), p.amount(), p.method(), p.reference(), p.by(), p.byName(), p.at(),
                                new Receipt.Ledger(due.dueId(), due.dealId(), p.businessDay(), false, null, null, null)),
                        receipt -> PendingEvent.of(due.siteId(), receipt.number(), new PaymentRecorded(receipt.number(), due.siteId(), due.dueId(),
                                due.dealId(), due.unitId(), due.kind().name(), p.amount().amount(), p.method().name(), p.reference(),
                                due.outstanding().amount(), due.status() == Due.Status.PAID, due.subject(), p.by(), p.at(), p.businessDay()))
                                .because("R-FIN-3 " + due.kind().chinese() + " " + due.unitLabel()))))
                .flatMap(issued -> receipted(due.siteId(), due.dueId(), paymentId, issued.receipt().number()).thenReturn(issued));
    }

    private Mono<Void> receipted(String site, String dueId, String paymentId, String receiptNo) {
        return Mono.defer(() -> requireDue(SiteScope.system(), site, dueId).flatMap(due -> {
                    if (due.payment(paymentId).map(p -> receiptNo.equals(p.receiptNo())).orElse(true)) {
                        return Mono.<Void>empty();
                    }
                    return dues.save(Caller.system("finance-service"), due.receipted(paymentId, receiptNo), List.of())
                            .flatMap(written -> written ? Mono.<Void>empty() : Mono.error(new Raced()));
                }))
                .retryWhen(Retry.max(10).filter(Raced.class::isInstance));
    }

    /**
     * Payments claimed before {@code before} whose receipt was not issued or not noted (the service stopped
     * between the steps) get it now — the same number a repeat would get.
     */
    public Mono<Long> finishInterrupted(Instant before) {
        return dues.unreceipted(before).concatMap(due -> Flux.fromIterable(due.payments()).filter(p -> p.receiptNo() == null)
                .concatMap(p -> finish(due, p.paymentId())).count()).reduce(0L, Long::sum);
    }

    /** The site's amounts due (FINANCE, MANAGER, ASSISTANT), all or those of one deal. */
    public Flux<Due> dues(Caller caller, String site, String dealId) {
        caller.requireOn(site, Role.FINANCE, Role.MANAGER, Role.ASSISTANT);
        return dues.of(caller.scope(), site).filter(d -> dealId == null || dealId.equals(d.dealId()));
    }

    public Mono<Due> due(Caller caller, String site, String dueId) {
        caller.scope().requireRead(site);
        if (!caller.hasAny(Role.FINANCE, Role.MANAGER, Role.ASSISTANT, Role.HEAD_OFFICE)) {
            throw ProblemException.forbidden("role-required", "应收款由财务、经理或助理查看 (Amounts due are for FINANCE, the MANAGER and the ASSISTANT)");
        }
        return requireDue(caller.scope(), site, dueId);
    }

    private Mono<Due> requireDue(SiteScope scope, String site, String dueId) {
        return dues.find(scope, site, dueId).switchIfEmpty(Mono.error(() -> ProblemException.notFound("due-unknown",
                "没有应收款 " + Echo.of(dueId) + " (No amount due " + Echo.of(dueId) + ")")));
    }

    static void checkMethod(PaymentMethod method, String reference) {
        if (method == null) {
            throw ProblemException.invalid("payment-method-required", "请选择收款方式：现金、刷卡、转账或支票 (method: CASH, CARD, TRANSFER or CHEQUE)");
        }
        if (method != PaymentMethod.CASH && (reference == null || reference.isBlank())) {
            throw ProblemException.invalid("payment-reference-required", "刷卡、转账、支票须填写凭证号 (A card, transfer or cheque payment needs its reference)");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static Due next(Due due) {
        return new Due(due.dueId(), due.siteId(), due.dealId(), due.unitId(), due.unitLabel(), due.payerName(), due.kind(), due.termNo(),
                due.amount(), due.dueOn(), due.status(), due.subject(), due.payments(), due.overdue(), due.breach(), due.openedAt(),
                due.version() + 1);
    }

    /** The due was written by someone else between our read and our write. */
    static final class Raced extends RuntimeException {
        Raced() {
            super(null, null, false, false);
        }
    }
}
