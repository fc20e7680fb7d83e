package io.anchang.reception.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.security.Caller;
import io.anchang.reception.domain.Site;
import io.anchang.reception.domain.Visit;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * A replica of reception-service that read a half-done registration and completes it only now, after another has:
 * what a recovery racing another replica — or the stalled process that began the registration — does last.
 */
public final class StalledReplica {

    private final Placements placements;

    public StalledReplica(Visits visits, DeskChanges desks, Clock clock) {
        this.placements = new Placements(visits, desks, clock);
    }

    /** Completes the entry as it was read then ({@code stale}), the way {@link RecoveringWalkIns} does. */
    public Mono<Visit> completes(Site site, Stored<Visit> stale) {
        return placements.complete(Caller.system("reception-service"), site, stale);
    }
}
