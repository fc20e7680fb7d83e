package io.anchang.reporting.application;

import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.SiteProfile;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The sites as this service knows them (its copy of reception's site directory). */
public interface SiteDirectory {

    /** The site, if the scope may read it (else 403); 404 with a clear sentence if it is not known. */
    Mono<SiteProfile> require(SiteScope scope, String site);

    /** Every site the scope may read, by code. */
    Flux<SiteProfile> readable(SiteScope scope);
}
