package io.anchang.finance.application;

import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.RefundDue;
import io.anchang.finance.domain.Voiding;
import io.anchang.finance.domain.Voucher;
import io.anchang.platform.events.finance.RefundPaid;
import io.anchang.platform.events.finance.VoucherReversed;
import io.anchang.platform.events.finance.VoucherVoided;
import io.anchang.platform.money.Money;
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
 * a repeat answers the first voucher, an interrupted payout is finished by {@link #finishInterrupted}. A voucher is
 * voided on its own day (R-FIN-1) and reversed once its day is closed (R-FIN-7); either way the refund is owed again
 * and its next payout gets a voucher of its own.
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
        if (refund.voucherNo() != null) {
            // PAID: the repeat is answered with the voucher that paid it
            return vouchers.find(SiteScope.of(refund.siteId()), refund.siteId(), refund.voucherNo()).map(v -> new Vouchers.Issued(v, false));
        }
        if (refund.payout() == null) {
            return Mono.error(ProblemException.conflict("refund-changed", "该退款刚被改动，请刷新后重试 (The refund changed meanwhile; reload and try again)"));
        }
        RefundDue.Payout p = refund.payout();
        Caller cashier = new Caller(p.by(), p.byName(), Set.of(Role.FINANCE), SiteScope.of(refund.siteId()));
        String key = Voucher.payoutKey(refund.refundId(), p.at());
        return vouchers.ofPayout(key).map(v -> new Vouchers.Issued(v, false))
                .switchIfEmpty(Mono.defer(() -> calendar.zone(refund.siteId()).flatMap(zone -> {
                    java.time.LocalDate day = java.time.LocalDate.ofInstant(p.at(), zone);
                    return vouchers.issue(cashier, seq -> new Voucher(Voucher.number(refund.siteId(), day.getYear(), seq), refund.siteId(),
                                    day.getYear(), seq, refund.refundId(), refund.unitId(), refund.unitLabel(), refund.reason(), refund.amount(),
                                    p.method(), p.reference(), p.payee(), p.by(), p.byName(), p.at(), day, false, null, key, null, null),
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
            if (voucher.reversal()) {
                throw ProblemException.conflict("reversal-not-voidable", "冲销凭证不能再作废或冲销 (A reversing entry stands)");
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

    /**
     * R-FIN-7: corrects a voucher of a closed day by a reversing voucher (红字冲销) booked today — a new number, the negative
     * amount — refused once today is closed too; the refund it paid is owed again. The repeat answers the first reversal.
     */
    public Mono<Vouchers.Issued> reverseVoucher(Caller caller, String site, String number, String reason) {
        caller.requireOn(site, Role.FINANCE);
        String why = CorrectingReceipts.required(reason);
        return requireVoucher(caller, site, number).flatMap(voucher -> {
            if (voucher.reversal()) {
                throw ProblemException.conflict("reversal-not-voidable", "冲销凭证不能再作废或冲销 (A reversing entry stands)");
            }
            if (voucher.voided() != null) {
                throw ProblemException.conflict("voucher-voided", "付款凭证 " + voucher.number() + " 已作废，无需冲销 (The voucher is voided)");
            }
            String key = Voucher.reversalKey(voucher.number());
            return vouchers.ofPayout(key).map(v -> new Vouchers.Issued(v, false)).switchIfEmpty(Mono.defer(() -> {
                if (!voucher.closed()) {
                    throw new ProblemException(409, "void-instead", "Conflict", "付款凭证 " + voucher.number()
                            + " 所在日尚未日结，请直接作废 (Its day is not closed: void it instead)", java.util.Map.of());
                }
                Caller cashier = new Caller(caller.userId(), caller.name(), Set.of(Role.FINANCE), caller.scope());
                return calendar.openToday(site).flatMap(today -> {
                    Instant now = calendar.now();
                    return vouchers.issue(cashier, seq -> new Voucher(Voucher.number(site, today.getYear(), seq), site, today.getYear(), seq,
                                    voucher.refundId(), voucher.unitId(), voucher.unitLabel(), Voucher.REVERSAL, Money.ZERO.minus(voucher.amount()),
                                    voucher.method(), voucher.reference(), voucher.payee(), caller.userId(), caller.name(), now, today, false, null,
                                    key, voucher.number(), null),
                            reversal -> PendingEvent.of(site, reversal.number(), new VoucherReversed(reversal.number(), voucher.number(), site,
                                    voucher.refundId(), voucher.unitId(), reversal.amount().amount(), why, caller.userId(), now, today)).because(why));
                });
            })).flatMap(issued -> vouchers.reversedBy(site, voucher.number(), issued.voucher().number()).thenReturn(issued));
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
