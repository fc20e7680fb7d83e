package io.anchang.reporting.application;

import io.anchang.platform.security.SiteScope;
import io.anchang.reporting.domain.BuildingEntry;
import io.anchang.reporting.domain.DealEntry;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.SheetId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/** The read models the reports read, in the generation that serves them now. */
public interface ReadModels {

    /**
     * The sheets among {@code ids} (any not kept yet is simply absent). Every id names a site the scope
     * may read — else 403 — and only sheets of that site come back.
     */
    Mono<Map<SheetId, Sheet>> sheets(SiteScope scope, Collection<SheetId> ids);

    /** The step of a deal a register lists it by. */
    enum Step { SMALL_DEPOSIT, BIG_DEPOSIT, CONTRACT }

    /** The deals of the site whose {@code step} fell between the days given, oldest first; {@code limit} 0 for all. */
    Flux<DealEntry> deals(SiteScope scope, String site, Step step, LocalDate from, LocalDate to, long skip, int limit);

    Mono<Long> countDeals(SiteScope scope, String site, Step step, LocalDate from, LocalDate to);

    Flux<BuildingEntry> buildings(SiteScope scope, String site);
}
