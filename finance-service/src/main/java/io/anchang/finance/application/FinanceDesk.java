package io.anchang.finance.application;

import io.anchang.finance.domain.DepositRequest;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.Receipt;
import io.anchang.finance.domain.RefundDue;
import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.events.deal.DepositRejected;
import io.anchang.platform.events.deal.DepositRequested;
import io.anchang.platform.events.deal.SmallDepositLapsed;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.events.finance.DepositRequestLapsed;
import io.anchang.platform.events.finance.LatePaymentRecorded;
import io.anchang.platform.events.finance.RefundDueOpened;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.platform.validation.Echo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The finance desk (flow 2): the queue of deposits reps asked for, FINANCE's confirmation
 * with a gap-free receipt (R-SEC-2, R-FIN-1, R-FIN-2), and the refunds due when the deal
 * could not take a confirmed deposit. Only FINANCE records money: anyone else is refused
 * here, by finance-service itself, and the attempt goes to the security audit log.
 */
public class FinanceDesk {

    private static final Logger log = LoggerFactory.getLogger(FinanceDesk.class);
    public static final String PAYMENT_REFUSED = "security.payment-refused";

    private final DepositRequests requests;
    private final Receipts receipts;
    private final RefundsDue refunds;
    private final AuditTrail audit;
    private final LocalSiteDirectory directory;
    private final Clock clock;
    private final DeskCalendar calendar;

    public FinanceDesk(DepositRequests requests, Receipts receipts, RefundsDue refunds, AuditTrail audit,
                       LocalSiteDirectory directory, Clock clock, DeskCalendar calendar) {
        this.calendar = calendar;
        this.requests = requests;
        this.receipts = receipts;
        this.refunds = refunds;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * What FINANCE enters at the desk; the amount as the request gave it (string or number) and its
     * currency; {@code cashInHand}: the money was taken already, so that a confirmation after the
     * deadline records it with a refund due instead of being refused (R-DEAL-2, R-FIN-2).
     */
    public record Payment(Object amount, String currency, PaymentMethod method, String reference, boolean cashInHand) {

        public Payment(Object amount, String currency, PaymentMethod method, String reference) {
            this(amount, currency, method, reference, false);
        }
    }

    /**
     * R-SEC-2: only FINANCE records money. Any other role is refused (403) before anything is
     * read from the request body, and the attempt is written to the security audit log with
     * who tried — in the trail of the request's site, or of the caller's own site when the
     * request is not one of theirs.
     */
    public Mono<Receipts.Issued> confirm(Caller caller, String requestId, Mono<Payment> payment) {
        if (!caller.has(Role.FINANCE)) {
            return refused(caller, requestId).then(Mono.error(ProblemException.forbidden("finance-only",
                    "只有财务可以收款、确认定金；此次尝试已记入安全审计 (Only FINANCE records money; this attempt was written to the security audit log)").audited()));
        }
        return requests.find(caller.scope(), requestId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("deposit-request-unknown", "没有定金申请 " + requestId
                        + "（或不属于您的案场） (No deposit request " + Echo.of(requestId) + " in your sites)")))
                .flatMap(request -> payment.switchIfEmpty(Mono.error(() -> ProblemException.invalid("payment-required",
                                "请填写收款金额、方式和凭证号 (Give the amount, method and reference)")))
                        .flatMap(p -> confirm(caller, request, p)));
    }

    private Mono<Receipts.Issued> confirm(Caller caller, DepositRequest request, Payment payment) {
        caller.requireOn(request.siteId(), Role.FINANCE);
        Money amount = io.anchang.platform.money.AmountInput.positive(payment.amount(), payment.currency(), "amount");
        if (payment.method() == null) {
            throw ProblemException.invalid("payment-method-required", "请选择收款方式：现金、刷卡、转账或支票 (method: CASH, CARD, TRANSFER or CHEQUE)");
        }
        if (payment.method() != PaymentMethod.CASH && (payment.reference() == null || payment.reference().isBlank())) {
            throw ProblemException.invalid("payment-reference-required", "刷卡、转账、支票须填写凭证号 (A card, transfer or cheque payment needs its reference)");
        }
        // R-FIN-7: a closed day takes no more money; a repeat of a confirmation is answered whatever the day
        Mono<Void> open = request.payment() != null ? Mono.empty() : calendar.openToday(request.siteId()).then();
        return open.then(zone(request.siteId())).flatMap(zone -> judged(caller, request, amount, payment, zone, 0));
    }

    /**
     * R-FIN-2, R-DEAL-2: judges the confirmation by the server's clock and claims the request for it in
     * one conditional write (the lapse check's write is conditional on the same status, so exactly one
     * of them wins); a request changed meanwhile is read and judged again. A repeat of a confirmation
     * answers the first receipt (issue 10).
     */
    private Mono<Receipts.Issued> judged(Caller caller, DepositRequest request, Money amount, Payment payment, ZoneId zone, int attempt) {
        Instant now = clock.instant();
        DepositRequest.Verdict verdict = request.judge(amount, payment.method(), payment.reference(), payment.cashInHand(), now, zone);
        if (verdict == DepositRequest.Verdict.REPEAT) {
            // 200 with the first receipt — or 201 if this repeat is the one that got to record it
            return finish(request, zone);
        }
        DepositRequest.Payment claimed = new DepositRequest.Payment(amount, payment.method(), blankToNull(payment.reference()),
                payment.cashInHand(), caller.userId(), caller.name(), now, request.latenessAt(now));
        return requests.claim(request.requestId(), request.status(), claimed)
                .flatMap(mine -> issue(mine, zone))
                .switchIfEmpty(Mono.defer(() -> attempt >= 5
                        ? Mono.error(ProblemException.conflict("deposit-request-changed", "该定金申请刚被改动，请刷新后重试 (The request changed meanwhile; reload and try again)"))
                        : requests.find(SiteScope.system(), request.requestId())
                        .flatMap(again -> judged(caller, again, amount, payment, zone, attempt + 1))));
    }

    /**
     * Finishes a claimed confirmation: its receipt (the first one if it has one), for money in hand
     * after the deadline the refund due, then the request's final status. Each step can be repeated,
     * so a confirmation interrupted between them is finished by its repeat or by the check of
     * unfinished confirmations, with the same receipt.
     */
    private Mono<Receipts.Issued> issue(DepositRequest request, ZoneId zone) {
        DepositRequest.Payment p = request.payment();
        int year = LocalDate.ofInstant(p.at(), zone).getYear();
        Caller cashier = new Caller(p.by(), p.byName(), java.util.Set.of(Role.FINANCE), SiteScope.of(request.siteId()));
        return receipts.issue(cashier,
                        seq -> new Receipt(Receipt.number(request.siteId(), year, seq), request.siteId(), year, seq, request.requestId(),
                                request.unitId(), request.unitLabel(), request.customerName(), request.repName(), request.kind(), p.amount(),
                                p.method(), p.reference(), p.by(), p.byName(), p.at(),
                                new Receipt.Ledger(null, null, LocalDate.ofInstant(p.at(), zone), false, null, null, null)),
                        receipt -> PendingEvent.of(request.siteId(), request.requestId(), p.late()
                                // R-DEAL-2, R-FIN-2: money in hand after the deadline is recorded, and moves nothing
                                ? new LatePaymentRecorded(request.requestId(), request.siteId(), request.unitId(), receipt.number(),
                                p.amount().amount(), p.method().name(), p.reference(), p.by(), p.at(), request.deadline())
                                : new DepositConfirmed(request.requestId(), request.siteId(), request.unitId(), request.holdId(),
                                request.kind(), receipt.number(), p.amount().amount(), p.method().name(), p.reference(), p.by(), p.at()))
                                .before(request.status()).because(p.late() ? "R-FIN-2 逾期已收现金，登记并退款 (money in hand after the deadline)" : null))
                .flatMap(issued -> complete(request, issued.receipt()).thenReturn(issued));
    }

    /** The receipt of a request claimed before, finishing what an interruption (or a slower first attempt) left undone. */
    private Mono<Receipts.Issued> finish(DepositRequest request, ZoneId zone) {
        return receipts.ofRequest(request.requestId())
                .flatMap(receipt -> complete(request, receipt).thenReturn(new Receipts.Issued(receipt, false)))
                .switchIfEmpty(Mono.defer(() -> issue(request, zone)));
    }

    /** After the receipt: the refund due of money taken late, then the request's final status. */
    private Mono<Void> complete(DepositRequest request, Receipt receipt) {
        boolean late = request.payment() != null && request.payment().late();
        Mono<Void> refund = !late ? Mono.empty() : refunds.open(new RefundDue(request.requestId(), request.siteId(), request.requestId(),
                request.unitId(), request.unitLabel(), receipt.number(), receipt.amount(),
                request.payment().lateness() + "_CASH_IN_HAND", receipt.confirmedAt(), "OPEN"));
        return refund.then(request.status() == DepositRequest.Status.CONFIRMED || request.status() == DepositRequest.Status.RECORDED_LATE
                ? Mono.empty()
                : requests.done(request.requestId(), receipt.number(), late ? DepositRequest.Status.RECORDED_LATE : DepositRequest.Status.CONFIRMED));
    }

    /**
     * R-DEAL-2, R-FIN-2: every queued request whose deadline passed by {@code now} lapses — in a write
     * conditional on its status, so a confirmation that claimed it first is never undone — and says
     * so to deal-service, which only then gives the unit up.
     *
     * @return how many lapsed
     */
    public Mono<Long> lapseOverdue(Instant now) {
        return requests.overdue(now).concatMap(request -> requests.lapse(request, now, PendingEvent.of(request.siteId(),
                        request.requestId(), new DepositRequestLapsed(request.requestId(), request.siteId(), request.unitId(),
                                request.unitLabel(), request.holdId(), request.kind(), request.deadline(), now))
                        .before(request.status()).because("R-DEAL-2 定金未在保留期内确认 (not confirmed by the deadline)")))
                .filter(Boolean::booleanValue).count();
    }

    /**
     * Finishes confirmations claimed by {@code claimedBy} and left unfinished (the service stopped
     * between the claim and the receipt): they were judged in time when claimed, so they get their
     * receipt; the cashier's repeat would get the same one.
     */
    public Mono<Long> finishInterrupted(Instant claimedBy) {
        return requests.unfinished(claimedBy).concatMap(request -> zone(request.siteId()).flatMap(zone -> finish(request, zone))).count();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private Mono<Void> refused(Caller caller, String requestId) {
        return requests.find(SiteScope.system(), requestId)
                .filter(request -> caller.scope().canRead(request.siteId()))
                .map(DepositRequest::siteId)
                .switchIfEmpty(Mono.fromSupplier(() -> caller.scope().ownSites().stream().findFirst().orElse(null)))
                .flatMap(site -> audit.recordRefusal(new AuditRecord(UUID.randomUUID().toString(), site, clock.instant(), caller.userId(),
                        PAYMENT_REFUSED, requestId, null,
                        "{\"name\":\"" + caller.name().replace("\"", "'") + "\",\"roles\":\"" + caller.roles() + "\"}",
                        "R-SEC-2 只有财务可以收款：" + caller.name() + "（" + caller.roles() + "）试图确认定金 " + requestId)))
                .doOnSuccess(done -> log.warn("R-SEC-2: {} ({}) tried to record money for request {}; refused and audited",
                        caller.userId(), caller.roles(), requestId));
    }

    /** The queue of the site: what reps asked for and is not confirmed yet, with the hold's time left. */
    public Flux<DepositRequest> queue(Caller caller, String site) {
        caller.requireOn(site, Role.FINANCE, Role.MANAGER);
        return requests.queued(caller.scope(), site);
    }

    public Mono<Receipt> receipt(Caller caller, String site, String number) {
        caller.scope().requireRead(site);
        if (!caller.hasAny(Role.FINANCE, Role.MANAGER, Role.HEAD_OFFICE, Role.ASSISTANT)) {
            throw ProblemException.forbidden("role-required", "收据由财务、经理或助理查看 (Receipts are for FINANCE, the MANAGER and the ASSISTANT)");
        }
        return receipts.find(caller.scope(), site, number).switchIfEmpty(Mono.error(() -> ProblemException.notFound("receipt-unknown",
                "没有收据 " + Echo.of(number) + " (No receipt " + Echo.of(number) + ")")));
    }

    public Flux<RefundDue> refundsDue(Caller caller, String site) {
        caller.requireOn(site, Role.FINANCE, Role.MANAGER);
        return refunds.of(caller.scope(), site);
    }

    public Mono<String> siteName(Caller caller, String site) {
        return directory.find(caller.scope(), site).map(p -> p.name()).defaultIfEmpty(site);
    }

    // ---- what the desk hears from deal-service ----

    public Mono<Void> requested(DepositRequested r) {
        return requests.add(new DepositRequest(r.requestId(), r.siteId(), r.unitId(), r.unitLabel(), r.holdId(), r.customerId(),
                r.customerName(), r.repUserId(), r.repName(), r.kind(), new Money(r.amountDue()), new Money(r.price()),
                r.holdExpiresAt(), r.requestedAt(), DepositRequest.Status.QUEUED, null,
                r.payBy() != null ? r.payBy() : r.holdExpiresAt(), null));
    }

    /**
     * R-DEAL-3: a small deposit lapsed unupgraded: what was paid is owed back (one refund due per
     * receipt), and requests still waiting at the desk for that deal are cancelled.
     */
    public Mono<Void> smallDepositLapsed(SmallDepositLapsed lapsed) {
        return reactor.core.publisher.Flux.fromIterable(lapsed.deposits())
                .concatMap(paid -> refunds.open(new RefundDue("lapsed-" + paid.requestId(), lapsed.siteId(), paid.requestId(),
                        lapsed.unitId(), lapsed.unitLabel(), paid.receiptNo(), new Money(paid.amount()), "SMALL_DEPOSIT_LAPSED",
                        lapsed.lapsedAt(), "OPEN")))
                .then(requests.cancelForHold(lapsed.siteId(), lapsed.dealId()));
    }

    public Mono<Void> released(UnitReleased released) {
        return released.holdId() == null ? Mono.empty() : requests.cancelForHold(released.siteId(), released.holdId());
    }

    /** A confirmed deposit the deal could not take: the money is owed back, it does not vanish. */
    public Mono<Void> rejected(DepositRejected r) {
        return refunds.open(new RefundDue(r.requestId(), r.siteId(), r.requestId(), r.unitId(), r.unitLabel(), r.receiptNo(),
                new Money(r.amount()), r.reason(), clock.instant(), "OPEN"));
    }

    public static PendingEvent refundEvent(RefundDue refund) {
        return PendingEvent.of(refund.siteId(), refund.refundId(), new RefundDueOpened(refund.refundId(), refund.siteId(),
                refund.requestId(), refund.unitId(), refund.receiptNo(), refund.amount().amount(), refund.reason(), refund.openedAt()))
                .because(refund.reason());
    }

    private Mono<ZoneId> zone(String site) {
        return directory.find(SiteScope.system(), site).map(p -> p.zone()).defaultIfEmpty(ZoneId.of("Asia/Shanghai"));
    }
}
