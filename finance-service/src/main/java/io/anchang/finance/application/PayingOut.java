package io.anchang.finance.application;

import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.RefundDue;
import io.anchang.finance.domain.Voiding;
import io.anchang.finance.domain.Voucher;
import io.anchang.platform.events.finance.RefundPaid;
import io.anchang.platform.events.finance.VoucherVoided;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Set;

/**
 * R-FIN-4: FINANCE pays out what the desk owes back — a refund approved by a MANAGER (R-DEAL-10), a
 * cancellation for breach (R-DEAL-9), a small deposit that lapsed (R-DEAL-3), money taken after a deadline —
 * with a payment voucher (付款凭证) numbered gap-free per site and year, booked on today unless it is closed.
 * The refund is claimed (OPEN → PAYING), the voucher issued with {@code finance.refund-paid}, the refund PAID;
 * a repeat answers the first voucher, an interrupted payout is finished by {@link #finishInterrupted}.
 */
public class PayingOut {

    private final RefundsDue refunds;
    private final Vouchers vouchers;
    private final DeskCalendar calendar;

    public PayingOut(RefundsDue refunds, Vouchers vouchers, DeskCalendar calendar) {
        this.refunds = refunds;
        this.vouchers = vouchers;
        this.calendar = calendar;
    }

    /** How the money goes out, and to whom. */
    public record Payout(PaymentMethod method, String reference, String payee) {
    }

    public Mono<Vouchers.Issued> payOut(Caller caller, String site, String refundId, Payout payout) {
        caller.requireOn(site, Role.FINANCE);
        CollectingPayments.checkMethod(payout.method(), payout.reference());
        if (payout.payee() == null || payout.payee().isBlank()) {
            throw ProblemException.invalid("payee-required", "请填写收款人（退款给谁） (Who receives the money?)");
        }
        return require(caller, site, refundId).flatMap(refund -> switch (refund.status()) {
            case "PAID", "PAYING" -> finish(refund);
            case "OPEN" -> calendar.openToday(site).flatMap(today -> refunds.claim(refundId, new RefundDue.Payout(payout.method(),
                            CollectingPayments.blankToNull(payout.reference()), payout.payee().trim(), caller.userId(), caller.name(), calendar.now()))
                    .switchIfEmpty(Mono.defer(() -> require(caller, site, refundId)))
                    .flatMap(this::finish));
            default -> Mono.error(ProblemException.conflict("refund-not-open", "该退款状态为 " + refund.status() + " (This refund is " + refund.status() + ")"));
        });
    }

    private Mono<Vouchers.Issued> finish(RefundDue refund) {
        if (refund.payout() == null) {
            return Mono.error(ProblemException.conflict("refund-changed", "该退款刚被改动，请刷新后重试 (The refund changed meanwhile; reload and try again)"));
        }
        RefundDue.Payout p = refund.payout();
        Caller cashier = new Caller(p.by(), p.byName(), Set.of(Role.FINANCE), SiteScope.of(refund.siteId()));
        return vouchers.ofRefund(refund.refundId()).map(v -> new Vouchers.Issued(v, false))
                .switchIfEmpty(Mono.defer(() -> calendar.zone(refund.siteId()).flatMap(zone -> {
                    java.time.LocalDate day = java.time.LocalDate.ofInstant(p.at(), zone);
                    return vouchers.issue(cashier, seq -> new Voucher(Voucher.number(refund.siteId(), day.getYear(), seq), refund.siteId(),
                                    day.getYear(), seq, refund.refundId(), refund.unitId(), refund.unitLabel(), refund.reason(), refund.amount(),
                                    p.method(), p.reference(), p.payee(), p.by(), p.byName(), p.at(), day, false, null),
                            voucher -> PendingEvent.of(refund.siteId(), voucher.number(), new RefundPaid(voucher.number(), refund.siteId(),
                                    refund.refundId(), refund.unitId(), refund.reason(), refund.amount().amount(), p.method().name(), p.reference(),
                                    p.payee(), p.by(), p.at(), day)).because("R-FIN-4 退款 " + refund.reason()));
                })))
                .flatMap(issued -> refunds.paid(refund.refundId(), issued.voucher().number()).thenReturn(issued));
    }

    /** Payouts claimed before {@code before} and not finished get their voucher now (the same a repeat would get). */
    public Mono<Long> finishInterrupted(Instant before) {
        return refunds.paying(before).concatMap(this::finish).count();
    }

    /** R-FIN-1: voids a voucher of a day not closed, with a reason: the number is kept, the refund is owed again. */
    public Mono<Voucher> voidVoucher(Caller caller, String site, String number, String reason) {
        caller.requireOn(site, Role.FINANCE);
        String why = CorrectingReceipts.required(reason);
        return requireVoucher(caller, site, number).flatMap(voucher -> {
            if (voucher.voided() != null) {
                return Mono.just(voucher);
            }
            if (voucher.closed()) {
                throw DeskCalendar.dayClosed(voucher.businessDay());
            }
            return calendar.day(site, voucher.businessDay()).flatMap(day -> {
                if (!day.takesEntries()) {
                    throw DeskCalendar.dayClosed(voucher.businessDay());
                }
                Voiding voiding = new Voiding(why, caller.userId(), caller.name(), calendar.now());
                return vouchers.voidIt(site, number, voiding, PendingEvent.of(site, number, new VoucherVoided(number, site, voucher.refundId(),
                                voucher.amount().amount(), why, caller.userId(), voiding.at(), voucher.businessDay())).before("ISSUED").because(why))
                        .flatMap(written -> requireVoucher(caller, site, number).map(after -> {
                            if (!written && after.voided() == null) {
                                throw DeskCalendar.dayClosed(voucher.businessDay());
                            }
                            return after;
                        }));
            });
        });
    }

    public Mono<Voucher> voucher(Caller caller, String site, String number) {
        caller.scope().requireRead(site);
        if (!caller.hasAny(Role.FINANCE, Role.MANAGER, Role.HEAD_OFFICE)) {
            throw ProblemException.forbidden("role-required", "付款凭证由财务或经理查看 (Vouchers are for FINANCE and the MANAGER)");
        }
        return requireVoucher(caller, site, number);
    }

    public Flux<RefundDue> refunds(Caller caller, String site) {
        caller.requireOn(site, Role.FINANCE, Role.MANAGER);
        return refunds.of(caller.scope(), site);
    }

    private Mono<RefundDue> require(Caller caller, String site, String refundId) {
        return refunds.find(caller.scope(), site, refundId).switchIfEmpty(Mono.error(() -> ProblemException.notFound("refund-unknown",
                "没有应退款 " + Echo.of(refundId) + " (No refund due " + Echo.of(refundId) + ")")));
    }

    private Mono<Voucher> requireVoucher(Caller caller, String site, String number) {
        return vouchers.find(caller.scope(), site, number).switchIfEmpty(Mono.error(() -> ProblemException.notFound("voucher-unknown",
                "没有付款凭证 " + Echo.of(number) + " (No voucher " + Echo.of(number) + ")")));
    }
}
