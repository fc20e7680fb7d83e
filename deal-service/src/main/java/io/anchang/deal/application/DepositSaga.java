package io.anchang.deal.application;

import io.anchang.deal.domain.Buyer;
import io.anchang.deal.domain.DepositKind;
import io.anchang.deal.domain.Pricing;
import io.anchang.deal.domain.Unit;
import io.anchang.deal.domain.UnitStatus;
import io.anchang.platform.events.customer.DealCreditFixed;
import io.anchang.platform.events.deal.BigDepositSigned;
import io.anchang.platform.events.deal.CreditRecorded;
import io.anchang.platform.events.deal.DepositRejected;
import io.anchang.platform.events.deal.DepositRequested;
import io.anchang.platform.events.deal.SmallDepositTaken;
import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Flow 2, deal-service's side: the rep asks the finance desk for a deposit on the unit they
 * hold (R-DEAL-12 price, R-DEAL-4 agreement draft); FINANCE's confirmation moves the unit to
 * SMALL_DEPOSIT or BIG_DEPOSIT and issues the agreement (R-FIN-2, R-DEAL-3, R-DEAL-4), or —
 * if the hold is gone — is rejected so that the money is refunded; customer-service's answer
 * to the big deposit is kept on the deal (R-ATT-17). Nothing here marks anything paid: only
 * finance-service's confirmation does (R-SEC-2).
 */
public class DepositSaga {

    private static final Logger log = LoggerFactory.getLogger(DepositSaga.class);
    private static final Caller SYSTEM = Caller.system("deal-service");
    private static final java.time.ZoneId DEFAULT_ZONE = java.time.ZoneId.of("Asia/Shanghai");

    private final Units units;
    private final Rejections rejections;
    private final AgreementNumbers numbers;
    private final LocalSiteDirectory directory;
    private final HoldingUnits holding;
    private final Clock clock;
    private final IssuingAgreements issuing;

    public DepositSaga(Units units, Rejections rejections, AgreementNumbers numbers, LocalSiteDirectory directory,
                       HoldingUnits holding, Clock clock) {
        this.units = units;
        this.rejections = rejections;
        this.numbers = numbers;
        this.directory = directory;
        this.holding = holding;
        this.clock = clock;
        this.issuing = new IssuingAgreements(units, numbers, directory);
    }

    /** What the rep asks for; {@code buyer} is the agreement's draft, required for a big deposit. */
    public record Request(DepositKind kind, Money amount, BigDecimal discountPercent, Buyer buyer) {
    }

    /**
     * The rep who holds the unit (or a SUPERVISOR/MANAGER) asks the finance desk to take a deposit.
     * With the client's {@code clientRequestId}, a repeat answers the request it made (issue 10); the
     * desk's request id is derived from the unit and that id, so it is the same for every repeat.
     */
    public Mono<HoldingUnits.Answer> request(Caller caller, String site, String unitId, Request request, String clientRequestId) {
        caller.requireOn(site, Role.SALES);
        return directory.require(caller.scope(), site).flatMap(profile -> {
            String requestId = clientRequestId == null ? UUID.randomUUID().toString()
                    : UUID.nameUUIDFromBytes((site + "|" + unitId + "|" + clientRequestId).getBytes(StandardCharsets.UTF_8)).toString();
            // R-DEAL-1, R-FIN-1: the same request id for another kind, amount, discount, buyer or rep is refused
            Buyer buyer = request.buyer();
            String fingerprint = Unit.fingerprint(caller.userId(), request.kind(), request.amount(), request.discountPercent(),
                    buyer == null ? null : buyer.name(), buyer == null ? null : buyer.phone(), buyer == null ? null : buyer.address(),
                    buyer == null ? null : buyer.postcode());
            return holding.change(caller, site, unitId, "deposit-request", clientRequestId, fingerprint, unit -> {
                Instant now = clock.instant();
                String rep = unit.status() == UnitStatus.HELD ? unit.hold().repUserId()
                        : unit.sale() != null ? unit.sale().repUserId() : null;
                if (rep != null && !rep.equals(caller.userId()) && !caller.has(Role.SUPERVISOR)) {
                    throw ProblemException.forbidden("deal-of-another-rep", "房源 " + unit.label() + " 由其他置业顾问负责，不能代为申请定金 (Another rep holds this unit)");
                }
                // R-DEAL-12: the price is the list price less a discount within the granting role's limit
                Pricing.Price price = unit.sale() != null && request.discountPercent() == null ? unit.sale().price()
                        : Pricing.price(unit.listPrice(), request.discountPercent(), caller.roles(), caller.userId(),
                        HoldingUnits.policyDay(profile, now));
                return unit.requestDeposit(new Unit.DepositRequest(requestId, request.kind(), request.amount(), price,
                        request.buyer(), caller.userId(), now));
            }, (before, after) -> {
                boolean held = before.status() == UnitStatus.HELD;
                String customerId = held ? before.hold().customerId() : before.sale().customerId();
                String customerName = held ? before.hold().customerName() : before.sale().customerName();
                String rep = held ? before.hold().repUserId() : before.sale().repUserId();
                String repName = held ? before.hold().repName() : before.sale().repName();
                // R-DEAL-2, R-FIN-2: the desk judges the confirmation against this deadline, by its own clock
                Instant payBy = held ? before.hold().expiresAt() : before.sale().smallDepositLapsesAt();
                return List.of(PendingEvent.of(site, unitId, new DepositRequested(requestId, site, unitId, before.label(),
                        held ? before.hold().holdId() : before.sale().dealId(), customerId, customerName, rep, repName,
                        request.kind().name(), request.amount().amount(), after.request().price().price().amount(),
                        held ? before.hold().expiresAt() : null, after.request().requestedAt(), payBy)));
            });
        });
    }

    /**
     * R-FIN-2: the finance desk confirmed a deposit in time (it judged the deadline; a late one never
     * comes here). Moves the unit once — whatever the hold's expiry says by now, since the lapse check
     * leaves a unit with a request at the desk alone — and a repeated confirmation counts once; one
     * whose unit was given up meanwhile is rejected, for a refund. A big deposit's agreement is
     * numbered right after the move (R-DEAL-4).
     */
    public Mono<Void> confirmed(DepositConfirmed confirmed) {
        String site = confirmed.siteId();
        return Mono.defer(() -> units.find(SiteScope.system(), site, confirmed.unitId())
                        .flatMap(unit -> directory.find(SiteScope.system(), site).map(java.util.Optional::of)
                                .defaultIfEmpty(java.util.Optional.empty())
                                .flatMap(profile -> apply(unit, confirmed, profile.orElse(null))))
                        .switchIfEmpty(Mono.defer(() -> reject(confirmed, "UNIT_UNKNOWN", confirmed.unitId()).thenReturn(true))))
                .flatMap(done -> done ? Mono.<Void>empty() : Mono.error(new HoldingUnits.Raced()))
                .retryWhen(reactor.util.retry.Retry.backoff(10, Duration.ofMillis(20)).filter(HoldingUnits.Raced.class::isInstance))
                .then(Mono.defer(() -> numberAgreement(site, confirmed.unitId())));
    }

    /** @return true when done, false when the unit changed meanwhile and this must be tried again */
    private Mono<Boolean> apply(Unit unit, DepositConfirmed c, SiteProfile profile) {
        io.anchang.platform.site.PolicySettings policy = profile == null ? io.anchang.platform.site.PolicySettings.defaults()
                : HoldingUnits.policyDay(profile, c.confirmedAt());
        Instant lapsesAt = c.confirmedAt().plus(Duration.ofDays(policy.smallDepositDays()));
        // R-DEAL-6: the contract is due within contractDays of the big deposit, days of the site's calendar
        LocalDate contractDueOn = LocalDate.ofInstant(c.confirmedAt(), zone(profile)).plusDays(policy.contractDays());
        Unit.Confirmation result = unit.confirmDeposit(c.requestId(), c.receiptNo(), new Money(c.amount()), c.method(),
                c.confirmedAt(), lapsesAt, null, contractDueOn);
        return switch (result.outcome()) {
            case ALREADY_COUNTED -> {
                log.info("deposit {} of unit {} was counted before; nothing changes", c.requestId(), unit.id());
                yield Mono.just(true);
            }
            case REJECTED -> reject(c, "HOLD_GONE", unit.label()).thenReturn(true);
            case MOVED -> units.save(SYSTEM, result.unit(), List.of(moved(result.unit(), c, profile)));
        };
    }

    /** R-DEAL-4: gives the unit's agreement its number, if it waits for one (see {@link IssuingAgreements}). */
    public Mono<Void> numberAgreement(String site, String unitId) {
        return issuing.numberAgreement(site, unitId);
    }

    /** Numbers every agreement still waiting for its number, at every site (after a failure between move and number). */
    public Mono<Long> numberWaitingAgreements() {
        return issuing.numberWaitingAgreements();
    }

    private PendingEvent moved(Unit unit, DepositConfirmed c, SiteProfile profile) {
        Unit.Sale sale = unit.sale();
        Object payload = unit.status() == UnitStatus.SMALL_DEPOSIT
                ? new SmallDepositTaken(sale.dealId(), unit.siteId(), unit.id(), unit.label(), sale.customerId(), sale.repUserId(),
                c.requestId(), c.receiptNo(), c.amount(), sale.price().price().amount(),
                LocalDate.ofInstant(sale.smallDepositLapsesAt(), zone(profile)),
                c.confirmedAt())
                // R-DEAL-4: the agreement's number follows in deal.agreement-issued, once the register gave it
                : new BigDepositSigned(sale.dealId(), unit.siteId(), unit.id(), unit.label(), sale.customerId(), sale.repUserId(),
                sale.price().price().amount(), sale.paid().amount(), null, c.confirmedAt());
        return PendingEvent.of(unit.siteId(), unit.id(), payload).because("finance confirmed " + c.receiptNo());
    }

    /** The site's time zone; the rulebook's default while this service has no copy of the site yet. */
    private static java.time.ZoneId zone(SiteProfile profile) {
        return profile == null ? DEFAULT_ZONE : profile.zone();
    }

    private Mono<Void> reject(DepositConfirmed c, String reason, String unitLabel) {
        log.warn("deposit {} (receipt {}) confirmed for unit {} whose hold is gone: rejected, refund due", c.requestId(), c.receiptNo(), unitLabel);
        return rejections.record(new DepositRejected(c.requestId(), c.siteId(), c.unitId(), unitLabel, c.receiptNo(), c.amount(),
                reason, clock.instant()));
    }

    /**
     * R-ATT-17: the credit and bonus shares valid when the big deposit was signed, kept on the deal —
     * provisional, or final at once if the contract was signed before they arrived.
     */
    public Mono<Void> creditFixed(DealCreditFixed fixed) {
        return Mono.defer(() -> units.ofDeal(SiteScope.system(), fixed.siteId(), fixed.dealId())
                        .switchIfEmpty(Mono.fromRunnable(() -> log.warn("shares of deal {} at site {} arrived for no deal on sale (refunded or cancelled before): kept by customer-service only",
                                fixed.dealId(), fixed.siteId())))
                        .flatMap(unit -> {
                            if (unit.sale().dealing().move() != null) {
                                // R-DEAL-7: the deal is moving to another unit; the shares go where it ends up
                                return Mono.error(new HoldingUnits.Raced());
                            }
                            Unit.Credit credit = new Unit.Credit(fixed.shares().stream()
                                    .map(s -> new Unit.Credit.Share(s.userId(), s.credit(), s.bonusPercent())).toList(),
                                    fixed.ruleId(), fixed.explanation(), fixed.needsManagerRuling(), true, fixed.validAt());
                            Unit after = unit.recordCredit(fixed.dealId(), credit);
                            CreditRecorded event = new CreditRecorded(fixed.dealId(), unit.siteId(), unit.id(),
                                    credit.shares().stream().map(s -> new CreditRecorded.Share(s.userId(), s.credit(), s.bonusPercent())).toList(),
                                    fixed.ruleId(), fixed.needsManagerRuling(), after.sale().credit().provisional(), fixed.validAt());
                            return units.save(SYSTEM, after, List.of(PendingEvent.of(unit.siteId(), unit.id(), event)))
                                    .flatMap(written -> written ? Mono.<Void>empty() : Mono.error(new HoldingUnits.Raced()));
                        }))
                .retryWhen(reactor.util.retry.Retry.backoff(10, Duration.ofMillis(20)).filter(HoldingUnits.Raced.class::isInstance));
    }
}
