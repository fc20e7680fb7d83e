package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.deal.domain.UnitStatus;
import io.anchang.platform.events.deal.SmallDepositLapsed;
import io.anchang.platform.events.deal.UnitHeld;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.events.deal.UnitReserved;
import io.anchang.platform.events.finance.DepositRequestLapsed;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.platform.validation.Echo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * R-DEAL-1, R-DEAL-2: reps hold available units for their customers, SALES_CONTROL reserves
 * and releases, holds not confirmed in time lapse. Each change is one conditional atomic
 * update of the unit: of any number of concurrent attempts exactly one wins, the others get
 * 409 naming who has the unit.
 */
public class HoldingUnits {

    private static final Logger log = LoggerFactory.getLogger(HoldingUnits.class);
    private static final Caller SYSTEM = Caller.system("deal-service");

    private final Units units;
    private final UnitWrites writes;
    private final CustomerCopies customers;
    private final LocalSiteDirectory directory;
    private final Clock clock;

    public HoldingUnits(Units units, CustomerCopies customers, LocalSiteDirectory directory, Clock clock) {
        this.units = units;
        this.writes = new UnitWrites(units);
        this.customers = customers;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * What a write answered: the unit after it, and whether this was the repeat of a write applied
     * before (the same {@code requestId}): then nothing changed and the unit is answered as it is.
     */
    public record Answer(Unit unit, boolean repeated) {
    }

    /**
     * R-DEAL-2: a rep holds an AVAILABLE unit for a customer of theirs, for the site's {@code holdMinutes}.
     * The same {@code requestId} again (a retry after a lost answer) answers the hold it made (issue 10).
     * <p>
     * The unit is read first (issue 17): on opening day nine attempts in ten find the unit taken, and such an
     * attempt costs that one read — its 409 names the holder, as the board every rep of the site sees does.
     * Only an attempt that finds the unit holdable reads the customer's copy (once, whatever races follow)
     * and the site's profile; so a rep holding for a customer not theirs hears 403 when the unit is still
     * to be had, 409 when it is gone either way.
     */
    public Mono<Answer> hold(Caller caller, String site, String unitId, String customerId, String requestId) {
        caller.requireOn(site, Role.SALES);
        caller.scope().requireWrite(site);
        Mono<CustomerCopies.CustomerCopy> ownCustomer = customers.find(caller.scope(), site, customerId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("customer-unknown", "案场 " + site + " 没有客户 " + Echo.of(customerId)
                        + "（或尚未同步） (No customer " + Echo.of(customerId) + " at site " + site + ")")))
                .flatMap(customer -> {
                    // R-DEAL-2: a rep holds only for a customer of theirs; a SUPERVISOR or MANAGER for any of the site
                    if (!caller.has(Role.SUPERVISOR) && !caller.userId().equals(customer.ownerRep())) {
                        return Mono.error(new ProblemException(403, "customer-of-another-rep", "Forbidden",
                                "客户属于其他置业顾问" + (customer.ownerRep() == null ? "（目前无有效归属）" : "（" + customer.ownerRep() + "）")
                                        + "，不能为其保留房源 (The customer belongs to another rep; you may hold units only for your own customers)",
                                java.util.Map.of()));
                    }
                    return Mono.just(customer);
                })
                .cache();
        return Mono.defer(() -> units.find(caller.scope(), site, unitId)
                        .switchIfEmpty(Mono.error(() -> ManagingInventory.unknownUnit(unitId)))
                        .flatMap(unit -> {
                            // R-DEAL-1: the same request id for another customer or rep is refused, never the first hold
                            if (unit.answered("hold", requestId, Unit.fingerprint(caller.userId(), customerId))) {
                                return Mono.just(new Answer(unit, true));
                            }
                            if (!unit.holdableAt(clock.instant())) {
                                // R-DEAL-1: taken already — a lost race costs this one read
                                return Mono.error(unit.unavailable());
                            }
                            return ownCustomer.zipWith(directory.require(caller.scope(), site)).flatMap(found -> {
                                CustomerCopies.CustomerCopy customer = found.getT1();
                                Instant now = clock.instant();
                                Instant expires = now.plus(Duration.ofMinutes(policyDay(found.getT2(), now).holdMinutes()));
                                Unit after = unit.hold(new Unit.Hold(UUID.randomUUID().toString(), customerId, customer.name(),
                                        caller.userId(), caller.name(), now, expires)).answering("hold", requestId, Unit.fingerprint(caller.userId(), customerId));
                                return units.save(caller, after, held(unit, after, caller, customerId))
                                        .flatMap(written -> written ? Mono.just(new Answer(after.written(), false)) : Mono.error(new Raced()));
                            });
                        }))
                .retryWhen(reactor.util.retry.Retry.max(5).filter(Raced.class::isInstance))
                .onErrorMap(e -> reactor.core.Exceptions.isRetryExhausted(e) ? ProblemException.conflict("unit-changed",
                        "房源刚被他人改动，请刷新后重试 (The unit changed meanwhile; reload and try again)") : e);
    }

    /** The events of a hold: the lapse of the hold before it if that one ran out by the clock, and the hold. */
    private static List<PendingEvent> held(Unit before, Unit after, Caller caller, String customerId) {
        Unit.Hold hold = after.hold();
        List<PendingEvent> events = new ArrayList<>();
        if (before.status() == UnitStatus.HELD) {
            // R-DEAL-2: the hold before ran out by the clock; it lapses in the same write
            events.add(released(before, "HOLD_LAPSED", SYSTEM.userId(), hold.heldAt()));
        }
        events.add(PendingEvent.of(after.siteId(), after.id(), new UnitHeld(after.id(), after.siteId(), after.label(), hold.holdId(), customerId,
                caller.userId(), caller.name(), hold.heldAt(), hold.expiresAt())).before(before.status()));
        return events;
    }

    /**
     * The holder, a SUPERVISOR/MANAGER or SALES_CONTROL gives the hold up: AVAILABLE again, the finance
     * desk's request cancelled. The same {@code requestId} again answers the release it made (issue 10).
     */
    public Mono<Answer> release(Caller caller, String site, String unitId, String requestId) {
        caller.requireOn(site, Role.SALES, Role.SALES_CONTROL);
        return writes.change(caller, site, unitId, "release", requestId, Unit.fingerprint(caller.userId()), unit -> {
            if (unit.status() == UnitStatus.HELD && !caller.hasAny(Role.SUPERVISOR, Role.SALES_CONTROL)
                    && !unit.hold().repUserId().equals(caller.userId())) {
                throw ProblemException.forbidden("hold-of-another-rep", "这是 " + unit.hold().repName() + " 的保留，只有本人、主管或销控可以释放 (Only the holder, a supervisor or sales control may release it)");
            }
            return unit.releaseHold(unit.hold() == null ? "" : unit.hold().holdId());
        }, (before, after) -> List.of(released(before, "HOLD_RELEASED", caller.userId(), clock.instant())));
    }

    /** R-DEAL-1: SALES_CONTROL keeps an available unit off sale. */
    public Mono<Unit> reserve(Caller caller, String site, String unitId, String reason) {
        caller.requireOn(site, Role.SALES_CONTROL);
        Instant now = clock.instant();
        return change(caller, site, unitId, "reserve", null, unit -> unit.reserve(new Unit.Reservation(caller.userId(), caller.name(), reason, now)),
                (before, after) -> List.of(PendingEvent.of(site, unitId, new UnitReserved(unitId, site, after.label(),
                        caller.userId(), reason, now)).before(before.status()).because(reason))).map(Answer::unit);
    }

    /** R-DEAL-1: SALES_CONTROL puts a reserved unit back on sale. */
    public Mono<Unit> endReservation(Caller caller, String site, String unitId) {
        caller.requireOn(site, Role.SALES_CONTROL);
        return change(caller, site, unitId, "end-reservation", null, Unit::endReservation,
                (before, after) -> List.of(released(before, "RESERVATION_ENDED", caller.userId(), clock.instant()))).map(Answer::unit);
    }

    /**
     * R-DEAL-2, R-DEAL-3: releases every hold whose time ran out by {@code now} and every small
     * deposit not upgraded by its day — those with no deposit request waiting at the finance desk
     * (for those the desk judges the deadline: {@link #requestLapsed}) — each by a conditional update
     * of the unit as read: a unit confirmed or changed meanwhile is left alone. A lapsed small deposit
     * announces what was paid, for the refund due (R-DEAL-3).
     *
     * @return how many units went back on sale
     */
    public Mono<Long> releaseLapsed(Instant now) {
        return units.lapsedBy(now).concatMap(unit -> {
            if (!unit.lapsesBySweepAt(now)) {
                return Mono.just(false);
            }
            return units.save(SYSTEM, unit.lapse(), lapsed(unit, now))
                    .doOnNext(written -> {
                        if (written) {
                            log.info("unit {} of site {} is available again: {}", unit.id(), unit.siteId(),
                                    unit.status() == UnitStatus.HELD ? "HOLD_LAPSED" : "SMALL_DEPOSIT_LAPSED");
                        }
                    });
        }).filter(Boolean::booleanValue).count();
    }

    /**
     * R-DEAL-2, R-DEAL-3, R-FIN-2: the finance desk judged that a deposit request was not confirmed by
     * its deadline: the hold (or the small deposit it would have upgraded) lapses now. A unit that no
     * longer waits for that request is left as it is.
     */
    public Mono<Void> requestLapsed(DepositRequestLapsed verdict) {
        return Mono.defer(() -> units.find(SiteScope.system(), verdict.siteId(), verdict.unitId())
                        .flatMap(unit -> unit.requestLapsed(verdict.requestId())
                                .map(after -> units.save(SYSTEM, after, lapsed(unit, verdict.lapsedAt()))
                                        .flatMap(written -> written ? Mono.<Void>empty() : Mono.error(new Raced())))
                                .orElse(Mono.empty())))
                .retryWhen(reactor.util.retry.Retry.backoff(10, Duration.ofMillis(20)).filter(Raced.class::isInstance));
    }

    /** The events of a lapse: the unit released, and for a small deposit what was paid, to be refunded (R-DEAL-3). */
    private List<PendingEvent> lapsed(Unit before, Instant at) {
        if (before.status() == UnitStatus.HELD) {
            return List.of(released(before, "HOLD_LAPSED", SYSTEM.userId(), at));
        }
        Unit.Sale sale = before.sale();
        SmallDepositLapsed lapsed = new SmallDepositLapsed(sale.dealId(), before.siteId(), before.id(), before.label(), sale.customerId(),
                sale.deposits().stream().map(d -> new SmallDepositLapsed.Paid(d.requestId(), d.receiptNo(), d.amount().amount())).toList(),
                sale.paid().amount(), sale.smallDepositLapsesAt(), at);
        return List.of(released(before, "SMALL_DEPOSIT_LAPSED", SYSTEM.userId(), at),
                PendingEvent.of(before.siteId(), before.id(), lapsed).because("R-DEAL-3 小定到期未转大定 (small deposit lapsed)"));
    }

    private static PendingEvent released(Unit before, String reason, String by, Instant at) {
        return PendingEvent.of(before.siteId(), before.id(), new UnitReleased(before.id(), before.siteId(), before.label(),
                before.hold() == null ? null : before.hold().holdId(), reason, by, at)).before(before.status()).because(reason);
    }

    /**
     * Through {@link UnitWrites#change}: reads the unit, applies {@code what} and writes the result with its
     * events if the unit was not changed meanwhile; if it was, reads it again and lets {@code what} decide again
     * (a lost race on a hold then answers 409 naming the winner). With a {@code requestId}, a
     * write the unit shows as applied already ({@link Unit#answered}) is answered as it is, and
     * this one's id is kept in the same atomic write as its change (issue 10).
     */
    Mono<Answer> change(Caller caller, String site, String unitId, String action, String requestId, UnaryOperator<Unit> what,
                        java.util.function.BiFunction<Unit, Unit, List<PendingEvent>> events) {
        return writes.change(caller, site, unitId, action, requestId, what, events);
    }

    /** As above, refusing the same {@code requestId} for a request with another {@code fingerprint} (409 {@code request-id-reused}). */
    Mono<Answer> change(Caller caller, String site, String unitId, String action, String requestId, String fingerprint,
                        UnaryOperator<Unit> what, java.util.function.BiFunction<Unit, Unit, List<PendingEvent>> events) {
        return writes.change(caller, site, unitId, action, requestId, fingerprint, what, events);
    }

    static io.anchang.platform.site.PolicySettings policyDay(SiteProfile profile, Instant at) {
        return profile.policyOn(LocalDate.ofInstant(at, profile.zone()));
    }

    /** The unit was written by someone else between our read and our write. */
    static final class Raced extends RuntimeException {
        Raced() {
            super(null, null, false, false);
        }
    }
}
