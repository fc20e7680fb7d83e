package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.imports.ImportJob;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Imports of customer lists (R-CUS-2), and the lock that lets one import of a site write at a time. */
public interface ImportJobs {

    Mono<Stored<ImportJob>> byId(SiteScope scope, String site, String importId);

    /** The site's imports, newest first, without their rows. */
    Flux<ImportJob> of(SiteScope scope, String site, int limit);

    /** Imports still writing, of every site in the scope (recovery after a restart). */
    Flux<ImportJob> running(SiteScope scope);

    Mono<Boolean> save(Caller caller, ImportJob job, long expectedVersion, List<PendingEvent> events);

    /** Takes the site's import lock for {@code importId}: true if it was free or is that import's already. */
    Mono<Boolean> lock(Caller caller, String site, String importId);

    /** Gives the lock up if {@code importId} holds it. */
    Mono<Void> unlock(Caller caller, String site, String importId);
}
