package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.deal.domain.UnitStatus;
import io.anchang.platform.events.deal.UnitHeld;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.events.deal.UnitReserved;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
    private final CustomerCopies customers;
    private final LocalSiteDirectory directory;
    private final Clock clock;

    public HoldingUnits(Units units, CustomerCopies customers, LocalSiteDirectory directory, Clock clock) {
        this.units = units;
        this.customers = customers;
        this.directory = directory;
        this.clock = clock;
    }

    /** R-DEAL-2: a rep holds an AVAILABLE unit for a customer of theirs, for the site's {@code holdMinutes}. */
    public Mono<Unit> hold(Caller caller, String site, String unitId, String customerId) {
        caller.requireOn(site, Role.SALES);
        return directory.require(caller.scope(), site).flatMap(profile -> customers.find(caller.scope(), site, customerId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("customer-unknown", "案场 " + site + " 没有客户 " + customerId
                        + "（或尚未同步） (No customer " + customerId + " at site " + site + ")")))
                .flatMap(customer -> {
                    // R-DEAL-2: a rep holds only for a customer of theirs; a SUPERVISOR or MANAGER for any of the site
                    if (!caller.has(Role.SUPERVISOR) && !caller.userId().equals(customer.ownerRep())) {
                        return Mono.error(new ProblemException(403, "customer-of-another-rep", "Forbidden",
                                "客户属于其他置业顾问" + (customer.ownerRep() == null ? "（目前无有效归属）" : "（" + customer.ownerRep() + "）")
                                        + "，不能为其保留房源 (The customer belongs to another rep; you may hold units only for your own customers)",
                                java.util.Map.of()));
                    }
                    Instant now = clock.instant();
                    Instant expires = now.plus(Duration.ofMinutes(policyDay(profile, now).holdMinutes()));
                    Unit.Hold hold = new Unit.Hold(UUID.randomUUID().toString(), customerId, customer.name(), caller.userId(),
                            caller.name(), now, expires);
                    return change(caller, site, unitId, unit -> unit.hold(hold), (before, after) -> List.of(
                            PendingEvent.of(site, unitId, new UnitHeld(unitId, site, after.label(), hold.holdId(), customerId,
                                    caller.userId(), caller.name(), now, expires)).before(before.status())));
                }));
    }

    /** The holder, a SUPERVISOR/MANAGER or SALES_CONTROL gives the hold up: AVAILABLE again, the finance desk's request cancelled. */
    public Mono<Unit> release(Caller caller, String site, String unitId) {
        caller.requireOn(site, Role.SALES, Role.SALES_CONTROL);
        return change(caller, site, unitId, unit -> {
            if (unit.status() == UnitStatus.HELD && !caller.hasAny(Role.SUPERVISOR, Role.SALES_CONTROL)
                    && !unit.hold().repUserId().equals(caller.userId())) {
                throw ProblemException.forbidden("hold-of-another-rep", "这是 " + unit.hold().repName() + " 的保留，只有本人、主管或销控可以释放 (Only the holder, a supervisor or sales control may release it)");
            }
            return unit.releaseHold(unit.hold() == null ? "" : unit.hold().holdId());
        }, (before, after) -> List.of(released(before, "HOLD_RELEASED", caller.userId())));
    }

    /** R-DEAL-1: SALES_CONTROL keeps an available unit off sale. */
    public Mono<Unit> reserve(Caller caller, String site, String unitId, String reason) {
        caller.requireOn(site, Role.SALES_CONTROL);
        Instant now = clock.instant();
        return change(caller, site, unitId, unit -> unit.reserve(new Unit.Reservation(caller.userId(), caller.name(), reason, now)),
                (before, after) -> List.of(PendingEvent.of(site, unitId, new UnitReserved(unitId, site, after.label(),
                        caller.userId(), reason, now)).before(before.status()).because(reason)));
    }

    /** R-DEAL-1: SALES_CONTROL puts a reserved unit back on sale. */
    public Mono<Unit> endReservation(Caller caller, String site, String unitId) {
        caller.requireOn(site, Role.SALES_CONTROL);
        return change(caller, site, unitId, Unit::endReservation,
                (before, after) -> List.of(released(before, "RESERVATION_ENDED", caller.userId())));
    }

    /**
     * R-DEAL-2, R-DEAL-3: releases every hold whose time ran out by {@code now} and every
     * small deposit not upgraded by its day, each by a conditional update (still held by the
     * same hold, still a small deposit): a unit confirmed meanwhile is left alone.
     *
     * @return how many units went back on sale
     */
    public Mono<Long> releaseLapsed(Instant now) {
        return units.lapsedBy(now).concatMap(unit -> {
            String reason = unit.holdLapsedAt(now) ? "HOLD_LAPSED" : unit.smallDepositLapsedAt(now) ? "SMALL_DEPOSIT_LAPSED" : null;
            if (reason == null) {
                return Mono.just(false);
            }
            return units.save(SYSTEM, unit.lapse(), List.of(released(unit, reason, SYSTEM.userId())))
                    .doOnNext(written -> {
                        if (written) {
                            log.info("unit {} of site {} is available again: {}", unit.id(), unit.siteId(), reason);
                        }
                    });
        }).filter(Boolean::booleanValue).count();
    }

    private static PendingEvent released(Unit before, String reason, String by) {
        return PendingEvent.of(before.siteId(), before.id(), new UnitReleased(before.id(), before.siteId(), before.label(),
                before.hold() == null ? null : before.hold().holdId(), reason, by, Instant.now())).before(before.status()).because(reason);
    }

    /**
     * Reads the unit, applies {@code what} and writes the result with its events if the unit
     * was not changed meanwhile; if it was, reads it again and lets {@code what} decide again
     * (a lost race on a hold then answers 409 naming the winner).
     */
    Mono<Unit> change(Caller caller, String site, String unitId, UnaryOperator<Unit> what,
                      java.util.function.BiFunction<Unit, Unit, List<PendingEvent>> events) {
        caller.scope().requireWrite(site);
        return Mono.defer(() -> units.find(caller.scope(), site, unitId)
                        .switchIfEmpty(Mono.error(() -> ManagingInventory.unknownUnit(unitId)))
                        .flatMap(unit -> {
                            Unit after = what.apply(unit);
                            return units.save(caller, after, events.apply(unit, after))
                                    .flatMap(written -> written ? Mono.just(after) : Mono.error(new Raced()));
                        }))
                .retryWhen(reactor.util.retry.Retry.max(5).filter(Raced.class::isInstance))
                .onErrorMap(e -> reactor.core.Exceptions.isRetryExhausted(e) ? ProblemException.conflict("unit-changed",
                        "房源刚被他人改动，请刷新后重试 (The unit changed meanwhile; reload and try again)") : e);
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
