package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one way the after-deposit use cases change a unit: read, let the domain decide, write the result
 * with its events in one conditional update on the unit's version, and on a lost race read again and
 * decide again (R-DEAL-1: of concurrent writers exactly one wins).
 */
public final class UnitWrites {

    static final Caller SYSTEM = Caller.system("deal-service");

    private final Units units;

    public UnitWrites(Units units) {
        this.units = units;
    }

    /**
     * A user's write of unit {@code unitId}. With a {@code requestId}, a write the unit shows as applied
     * already is answered as the unit stands, and this one's id is kept in the same atomic write (issue 10).
     */
    public Mono<HoldingUnits.Answer> change(Caller caller, String site, String unitId, String action, String requestId,
                                            UnaryOperator<Unit> what, BiFunction<Unit, Unit, List<PendingEvent>> events) {
        return change(caller, site, unitId, action, requestId, null, what, events);
    }

    /**
     * As above, for a write whose {@code fingerprint} ({@link Unit#fingerprint}) says what it asks for: the same
     * {@code requestId} again asking for something else is refused 409 {@code request-id-reused} with nothing written.
     */
    public Mono<HoldingUnits.Answer> change(Caller caller, String site, String unitId, String action, String requestId, String fingerprint,
                                            UnaryOperator<Unit> what, BiFunction<Unit, Unit, List<PendingEvent>> events) {
        caller.scope().requireWrite(site);
        return Mono.defer(() -> units.find(caller.scope(), site, unitId)
                        .switchIfEmpty(Mono.error(() -> ManagingInventory.unknownUnit(unitId)))
                        .flatMap(unit -> {
                            if (unit.answered(action, requestId, fingerprint)) {
                                return Mono.just(new HoldingUnits.Answer(unit, true));
                            }
                            Unit after = what.apply(unit).answering(action, requestId, fingerprint);
                            return units.save(caller, after, events.apply(unit, after))
                                    .flatMap(written -> written ? Mono.just(new HoldingUnits.Answer(after.written(), false))
                                            : Mono.error(new HoldingUnits.Raced()));
                        }))
                .retryWhen(Retry.max(5).filter(HoldingUnits.Raced.class::isInstance))
                .onErrorMap(e -> reactor.core.Exceptions.isRetryExhausted(e) ? ProblemException.conflict("unit-changed",
                        "房源刚被他人改动，请刷新后重试 (The unit changed meanwhile; reload and try again)") : e);
    }

    /**
     * Background work (an event, a sweep) on unit {@code unitId}: {@code what} says what the unit becomes,
     * or nothing to do; written conditionally, decided again after a lost race.
     *
     * @return the unit as written, or empty when there was nothing to do
     */
    public Mono<Unit> system(String site, String unitId, Function<Unit, Optional<Unit>> what,
                             BiFunction<Unit, Unit, List<PendingEvent>> events) {
        return Mono.defer(() -> units.find(SiteScope.system(), site, unitId)
                        .flatMap(unit -> what.apply(unit)
                                .map(after -> units.save(SYSTEM, after, events.apply(unit, after))
                                        .flatMap(written -> written ? Mono.just(after.written()) : Mono.<Unit>error(new HoldingUnits.Raced())))
                                .orElse(Mono.empty())))
                .retryWhen(Retry.backoff(10, Duration.ofMillis(20)).filter(HoldingUnits.Raced.class::isInstance));
    }

    /**
     * Background work on the unit that carries deal {@code dealId}; nothing when no unit does (refunded,
     * cancelled). While a unit change of the deal is under way it waits for it to finish (R-DEAL-7), so
     * that nothing is written on a unit the deal is leaving.
     */
    public Mono<Unit> deal(String site, String dealId, Function<Unit, Optional<Unit>> what,
                           BiFunction<Unit, Unit, List<PendingEvent>> events) {
        return Mono.defer(() -> units.ofDeal(SiteScope.system(), site, dealId)
                        .flatMap(unit -> {
                            if (unit.sale().dealing().move() != null) {
                                return Mono.error(new HoldingUnits.Raced());
                            }
                            return what.apply(unit)
                                    .map(after -> units.save(SYSTEM, after, events.apply(unit, after))
                                            .flatMap(written -> written ? Mono.just(after.written()) : Mono.<Unit>error(new HoldingUnits.Raced())))
                                    .orElse(Mono.empty());
                        }))
                .retryWhen(Retry.backoff(12, Duration.ofMillis(50)).filter(HoldingUnits.Raced.class::isInstance));
    }
}
