package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Every unit status change this instance writes, the moment it is written, for sales
 * control's live board (R-DEAL-2: SALES_CONTROL is told at once). One instance's view: with
 * several instances, each streams the changes it wrote; the board endpoint is the truth.
 */
public final class UnitChanges {

    private final Sinks.Many<Unit> sink = Sinks.many().multicast().directBestEffort();

    public void written(Unit unit) {
        sink.tryEmitNext(unit);
    }

    public Flux<Unit> of(SiteScope scope, String site) {
        scope.requireRead(site);
        return sink.asFlux().filter(unit -> unit.siteId().equals(site));
    }
}
