package io.anchang.finance.application;

import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.RefundDue;
import io.anchang.finance.domain.Voiding;
import io.anchang.finance.domain.Voucher;
import io.anchang.platform.events.finance.RefundPaid;
import io.anchang.platform.events.finance.VoucherReversed;
import io.anchang.platform.events.finance.VoucherVoided;
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
import java.util.Set;
import java.util.UUID;

/**
 * R-FIN-4: FINANCE pays out what the desk owes back — a refund approved by a MANAGER (R-DEAL-10), a
 * cancellation for breach (R-DEAL-9), a small deposit that lapsed (R-DEAL-3), money taken after a deadline —
 * in one go or in parts, each payout with a payment voucher (付款凭证) numbered gap-free per site and year, booked on
 * today unless it is closed. A payout is claimed on the refund (one conditional write on its version, so two cashiers
 * never pay out more than is owed), then its voucher is issued with {@code finance.refund-paid} in the voucher's own
 * write, then the refund notes the voucher. A repeat with the same {@code requestId} answers the first voucher; a payout
 * interrupted between the steps is finished by {@link #finishInterrupted} with the same voucher. A voucher is voided on
 * its own day (R-FIN-1) and reversed once its day is closed (R-FIN-7); either way what it paid is owed again.
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

    /**
     * How the money goes out, and to whom; {@code amount} (string or number) is a part of what remains, or null for all that
     * remains; {@code requestId} makes a retry the same payout.
     */
    public record Payout(PaymentMethod method, String reference, String payee, Object amount, String currency, String requestId) {

        public Payout(PaymentMethod method, String reference, String payee) {
            this(method, reference, payee, null, null, null);
        }
    }

    public Mono<Vouchers.Issued> payOut(Caller caller, String site, String refundId, Payout payout) {
        caller.requireOn(site, Role.FINANCE);
        Money amount = payout.amount() == null ? null : AmountInput.positive(payout.amount(), payout.currency(), "amount");
        CollectingPayments.checkMethod(payout.method(), payout.reference());
        if (payout.payee() == null || payout.payee().isBlank()) {
            throw ProblemException.invalid("payee-required", "请填写收款人（退款给谁） (Who receives the money?)");
        }
        String payoutId = payout.requestId() == null ? null
                : UUID.nameUUIDFromBytes(("payout|" + site + "|" + refundId + "|" + payout.requestId()).getBytes(StandardCharsets.UTF_8)).toString();
        return require(caller.scope(), site, refundId).flatMap(found -> {
            if (payoutId != null && found.payout(payoutId).isPresent()) {
                requireSame(found.payout(payoutId).get(), amount, payout, caller);
                return finish(found, payoutId);
            }
            if (payoutId == null && amount == null && RefundDue.PAID.equals(found.status()) && found.lastPayout().isPresent()) {
                // the whole refund sent again without a request id: answered with the payout that settled it
                return finish(found, found.lastPayout().get().payoutId());
            }
            String id = payoutId != null ? payoutId : UUID.randomUUID().toString();
            return calendar.openToday(site).flatMap(today -> claim(caller, site, refundId, id, amount, payout, today))
                    .flatMap(claimed -> finish(claimed, id));
        });
    }

    /** R-FIN-4: the payout claimed on the refund, decided again if another write came first. */
    private Mono<RefundDue> claim(Caller caller, String site, String refundId, String payoutId, Money amount, Payout payout, LocalDate today) {
        Instant now = calendar.now();
        return Mono.defer(() -> require(SiteScope.system(), site, refundId).flatMap(refund -> {
                    if (refund.payout(payoutId).isPresent()) {
                        if (payout.requestId() != null) {
                            // a repeat that claimed it first (a race of the same request id)
                            requireSame(refund.payout(payoutId).get(), amount, payout, caller);
                        }
                        return Mono.just(refund);
                    }
                    Money part = amount != null ? amount : refund.remaining();
                    RefundDue after = refund.pay(new RefundDue.Payout(payoutId, payout.requestId(), part, payout.method(),
                            CollectingPayments.blankToNull(payout.reference()), payout.payee().trim(), caller.userId(), caller.name(), now, today,
                            null, false));
                    return refunds.save(caller, after).flatMap(written -> written ? Mono.just(after.next())
                            : Mono.error(new CollectingPayments.Raced()));
                }))
                .retryWhen(Retry.backoff(20, java.time.Duration.ofMillis(10)).maxBackoff(java.time.Duration.ofMillis(200))
                        .filter(CollectingPayments.Raced.class::isInstance))
                .onErrorMap(e -> reactor.core.Exceptions.isRetryExhausted(e) ? ProblemException.conflict("refund-changed",
                        "该退款刚被改动，请刷新后重试 (The refund changed meanwhile; reload and try again)") : e);
    }

    /** R-FIN-4: a repeat answers the first voucher only when it asks for the same payout; else 409, nothing paid. */
    private static void requireSame(RefundDue.Payout first, Money amount, Payout payout, Caller caller) {
        if (!first.asks(amount, payout.method(), payout.reference(), payout.payee(), caller.userId())) {
            throw io.anchang.finance.domain.Due.requestIdReused("退款付款");
        }
    }

    /** The voucher of the payout (the first one if it has one), then the refund notes it. */
    private Mono<Vouchers.Issued> finish(RefundDue refund, String payoutId) {
        RefundDue.Payout p = refund.payout(payoutId).orElseThrow();
        Caller cashier = new Caller(p.by(), p.byName(), Set.of(Role.FINANCE), SiteScope.of(refund.siteId()));
        String key = Voucher.payoutKey(refund.refundId(), p.payoutId());
        Mono<Voucher> issuedBefore = p.voucherNo() != null
                ? vouchers.find(SiteScope.of(refund.siteId()), refund.siteId(), p.voucherNo())
                : vouchers.ofPayout(key);
        return issuedBefore.map(v -> new Vouchers.Issued(v, false))
                .switchIfEmpty(Mono.defer(() -> calendar.zone(refund.siteId()).flatMap(zone -> {
                    LocalDate day = p.businessDay() != null ? p.businessDay() : LocalDate.ofInstant(p.at(), zone);
                    Money paidSoFar = paidWith(refund, p);
                    Money remaining = refund.amount().minus(paidSoFar);
                    return vouchers.issue(cashier, seq -> new Voucher(Voucher.number(refund.siteId(), day.getYear(), seq), refund.siteId(),
                                    day.getYear(), seq, refund.refundId(), refund.unitId(), refund.unitLabel(), refund.reason(), p.amount(),
                                    p.method(), p.reference(), p.payee(), p.by(), p.byName(), p.at(), day, false, null, key, null, null),
                            voucher -> PendingEvent.of(refund.siteId(), voucher.number(), new RefundPaid(voucher.number(), refund.siteId(),
                                    refund.refundId(), refund.unitId(), refund.reason(), p.amount().amount(), p.method().name(), p.reference(),
                                    p.payee(), p.by(), p.at(), day, refund.dealId(), p.requestId(), refund.amount().amount(),
                                    paidSoFar.amount(), remaining.amount(), !remaining.isPositive())).because("R-FIN-4 退款 " + refund.reason()));
                })))
                .flatMap(issued -> vouchered(refund.siteId(), refund.refundId(), payoutId, issued.voucher().number()).thenReturn(issued));
    }

    /** What the refund's payouts that count had paid once {@code payout} was added (those claimed after it left out). */
    private static Money paidWith(RefundDue refund, RefundDue.Payout payout) {
        Money paid = Money.ZERO;
        for (RefundDue.Payout each : refund.payouts()) {
            if (!each.undone()) {
                paid = paid.plus(each.amount());
            }
            if (each.payoutId().equals(payout.payoutId())) {
                break;
            }
        }
        return paid;
    }

    private Mono<Void> vouchered(String site, String refundId, String payoutId, String voucherNo) {
        return Mono.defer(() -> require(SiteScope.system(), site, refundId).flatMap(refund -> {
                    if (refund.payout(payoutId).map(p -> voucherNo.equals(p.voucherNo())).orElse(true)) {
                        return Mono.<Void>empty();
                    }
                    return refunds.save(Caller.system("finance-service"), refund.vouchered(payoutId, voucherNo))
                            .flatMap(written -> written ? Mono.<Void>empty() : Mono.error(new CollectingPayments.Raced()));
                }))
                .retryWhen(Retry.max(10).filter(CollectingPayments.Raced.class::isInstance));
    }

    /** Payouts claimed before {@code before} whose voucher was not issued or not noted get it now (the same a repeat would get). */
    public Mono<Long> finishInterrupted(Instant before) {
        return refunds.unvouchered(before).concatMap(refund -> Flux.fromIterable(refund.payouts()).filter(p -> p.voucherNo() == null)
                .concatMap(p -> finish(refund, p.payoutId())).count()).reduce(0L, Long::sum);
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
            return calendar.day(site, voucher.businessDay()).zipWith(dealOf(site, voucher)).flatMap(t -> {
                if (!t.getT1().takesEntries()) {
                    throw DeskCalendar.dayClosed(voucher.businessDay());
                }
                Voiding voiding = new Voiding(why, caller.userId(), caller.name(), calendar.now());
                return vouchers.voidIt(site, number, voiding, PendingEvent.of(site, number, new VoucherVoided(number, site, voucher.refundId(),
                                voucher.amount().amount(), why, caller.userId(), voiding.at(), voucher.businessDay(),
                                t.getT2().orElse(null))).before("ISSUED").because(why))
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
                return calendar.openToday(site).zipWith(dealOf(site, voucher)).flatMap(t -> {
                    LocalDate today = t.getT1();
                    String dealId = t.getT2().orElse(null);
                    Instant now = calendar.now();
                    return vouchers.issue(cashier, seq -> new Voucher(Voucher.number(site, today.getYear(), seq), site, today.getYear(), seq,
                                    voucher.refundId(), voucher.unitId(), voucher.unitLabel(), Voucher.REVERSAL, Money.ZERO.minus(voucher.amount()),
                                    voucher.method(), voucher.reference(), voucher.payee(), caller.userId(), caller.name(), now, today, false, null,
                                    key, voucher.number(), null),
                            reversal -> PendingEvent.of(site, reversal.number(), new VoucherReversed(reversal.number(), voucher.number(), site,
                                    voucher.refundId(), voucher.unitId(), reversal.amount().amount(), why, caller.userId(), now, today, dealId)).because(why));
                });
            })).flatMap(issued -> vouchers.reversedBy(site, voucher.number(), issued.voucher().number()).thenReturn(issued));
        });
    }

    /** The deal whose refund the voucher paid, for the reports (R-RPT-5): none for money owed back without a deal. */
    private Mono<java.util.Optional<String>> dealOf(String site, Voucher voucher) {
        return voucher.refundId() == null ? Mono.just(java.util.Optional.empty())
                : refunds.find(SiteScope.system(), site, voucher.refundId()).map(r -> java.util.Optional.ofNullable(r.dealId()))
                .defaultIfEmpty(java.util.Optional.empty());
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

    private Mono<RefundDue> require(SiteScope scope, String site, String refundId) {
        return refunds.find(scope, site, refundId).switchIfEmpty(Mono.error(() -> ProblemException.notFound("refund-unknown",
                "没有应退款 " + Echo.of(refundId) + " (No refund due " + Echo.of(refundId) + ")")));
    }

    private Mono<Voucher> requireVoucher(Caller caller, String site, String number) {
        return vouchers.find(caller.scope(), site, number).switchIfEmpty(Mono.error(() -> ProblemException.notFound("voucher-unknown",
                "没有付款凭证 " + Echo.of(number) + " (No voucher " + Echo.of(number) + ")")));
    }
}
