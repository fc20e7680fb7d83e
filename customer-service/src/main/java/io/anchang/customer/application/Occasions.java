package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.relations.Occasion;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Tours, owner events and news (R-CUS-11). */
public interface Occasions {

    Mono<Stored<Occasion>> byId(SiteScope scope, String site, String occasionId);

    /** Newest first. */
    Flux<Occasion> of(SiteScope scope, String site, int limit);

    Mono<Boolean> save(Caller caller, Occasion occasion, long expectedVersion, List<PendingEvent> events);
}
