package io.anchang.reception.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.Incident;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Incidents on the sales floor (R-OPS-3). */
public interface Incidents {

    Mono<Stored<Incident>> find(SiteScope scope, String site, String incidentId);

    /** The site's incidents, newest first; only the open ones if {@code openOnly}. */
    Flux<Incident> of(SiteScope scope, String site, boolean openOnly, int limit);

    /** Stores the incident with its events if it is still at {@code expectedVersion} (0: not stored yet). */
    Mono<Boolean> save(Caller caller, Incident incident, long expectedVersion, List<PendingEvent> events);
}
