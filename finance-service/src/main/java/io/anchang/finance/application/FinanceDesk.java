package io.anchang.finance.application;

import io.anchang.finance.domain.DepositRequest;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.Receipt;
import io.anchang.finance.domain.RefundDue;
import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.events.deal.DepositRejected;
import io.anchang.platform.events.deal.DepositRequested;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.events.finance.RefundDueOpened;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
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

    public FinanceDesk(DepositRequests requests, Receipts receipts, RefundsDue refunds, AuditTrail audit,
                       LocalSiteDirectory directory, Clock clock) {
        this.requests = requests;
        this.receipts = receipts;
        this.refunds = refunds;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    /** What FINANCE enters at the desk; the amount as the request gave it (string or number) and its currency. */
    public record Payment(Object amount, String currency, PaymentMethod method, String reference) {
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
                    "只有财务可以收款、确认定金；此次尝试已记入安全审计 (Only FINANCE records money; this attempt was written to the security audit log)")));
        }
        return requests.find(caller.scope(), requestId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("deposit-request-unknown", "没有定金申请 " + requestId
                        + "（或不属于您的案场） (No deposit request " + requestId + " in your sites)")))
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
        request.checkConfirmable(amount);
        Instant now = clock.instant();
        return zone(request.siteId()).flatMap(zone -> {
            int year = LocalDate.ofInstant(now, zone).getYear();
            return receipts.issue(caller,
                    seq -> new Receipt(Receipt.number(request.siteId(), year, seq), request.siteId(), year, seq, request.requestId(),
                            request.unitId(), request.unitLabel(), request.customerName(), request.repName(), request.kind(), amount,
                            payment.method(), payment.reference(), caller.userId(), caller.name(), now),
                    receipt -> PendingEvent.of(request.siteId(), request.requestId(), new DepositConfirmed(request.requestId(),
                            request.siteId(), request.unitId(), request.holdId(), request.kind(), receipt.number(), amount.amount(),
                            payment.method().name(), payment.reference(), caller.userId(), now)).before(request.status()));
        }).flatMap(issued -> requests.confirmed(request.requestId(), issued.receipt().number()).thenReturn(issued));
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
                "没有收据 " + number + " (No receipt " + number + ")")));
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
                r.holdExpiresAt(), r.requestedAt(), DepositRequest.Status.QUEUED, null));
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
