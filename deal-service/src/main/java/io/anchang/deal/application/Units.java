package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The units' store. Every method takes the caller's scope or identity (R-SEC-1). */
public interface Units {

    Mono<Unit> find(SiteScope scope, String site, String unitId);

    Flux<Unit> ofBuilding(SiteScope scope, String site, String buildingCode);

    /**
     * The unit whose sale is {@code dealId}. While a unit change of the deal is under way two units show it
     * (R-DEAL-7); then the one it is leaving.
     */
    Mono<Unit> ofDeal(SiteScope scope, String site, String dealId);

    /**
     * Stores new units, each with its event in the same atomic write of its document (R-SEC-4).
     * A unit stored already is left as it is, and its event is not written again: the units are
     * those of an addition its building claimed ({@link Buildings#claim}), so a unit of theirs
     * that exists was stored by another attempt at the same addition.
     *
     * @return how many of them this call stored
     */
    Mono<Long> add(Caller caller, List<Unit> units, Function<Unit, PendingEvent> added);

    /**
     * R-DEAL-1: writes the unit's new state and its events in one conditional atomic update,
     * only if the unit is still at {@code unit.version()}: of concurrent attempts exactly one
     * is written.
     */
    Mono<Boolean> save(Caller caller, Unit unit, List<PendingEvent> events);

    /**
     * Units the lapse check puts back on sale at {@code now} (every site): holds that expired and small
     * deposits that lapsed by then, with no deposit request waiting at the finance desk ({@link Unit#lapsesBySweepAt}).
     */
    Flux<Unit> lapsedBy(Instant now);

    /** Units whose big deposit's agreement waits for its number (R-DEAL-4), at every site. */
    Flux<Unit> agreementsToNumber();

    /** The site's units with a deal on them: SMALL_DEPOSIT, BIG_DEPOSIT or CONTRACTED. */
    Flux<Unit> withDeals(SiteScope scope, String site);

    /** Units with a big deposit and no contract yet, at every site (R-DEAL-6: the contract-overdue check). */
    Flux<Unit> bigDeposits();

    /** Units that show a unit change under way (R-DEAL-7), at every site: the recovery sweep finishes or undoes each. */
    Flux<Unit> moving();
}
