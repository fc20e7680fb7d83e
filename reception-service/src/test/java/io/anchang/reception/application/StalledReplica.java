package io.anchang.reception.application;

import io.anchang.platform.security.Caller;
import io.anchang.reception.domain.Site;
import io.anchang.reception.domain.Visit;
import reactor.core.publisher.Mono;

/**
 * A replica of reception-service that read a half-done registration and completes it only now, after another has:
 * what a recovery racing another replica — or the stalled process that began the registration — does last.
 */
public final class StalledReplica {

    private final ReceivingVisitors receiving;

    public StalledReplica(ReceivingVisitors receiving) {
        this.receiving = receiving;
    }

    /** Completes the entry as it was read then ({@code stale}), the way {@link RecoveringWalkIns} does. */
    public Mono<Visit> completes(Site site, Stored<Visit> stale) {
        return receiving.complete(Caller.system("reception-service"), site, stale);
    }
}
