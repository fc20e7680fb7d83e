package io.anchang.reporting.application;

import io.anchang.platform.security.SiteScope;
import io.anchang.reporting.domain.Targets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.YearMonth;
import java.util.Collection;

/** The targets the sites' managers set, per site and month. */
public interface TargetBook {

    /** The site's targets for the month; none set: {@link Targets#none}. */
    Mono<Targets> find(SiteScope scope, String site, YearMonth month);

    /** The targets of these sites for the month, those that were set. */
    Flux<Targets> find(SiteScope scope, Collection<String> sites, YearMonth month);

    /** Keeps the targets, replacing those of the same site and month; answers the targets they replaced (none: {@link Targets#none}). */
    Mono<Targets> save(SiteScope scope, Targets targets);
}
