package io.anchang.reception.application;

import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.validation.Echo;
import io.anchang.reception.domain.Site;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** The site directory's store. Every method takes the caller's scope or identity (R-SEC-1). */
public interface Sites {

    Mono<Site> find(SiteScope scope, String code);

    Flux<Site> all(SiteScope scope);

    /** Stores a new site with its events; 409 if the code is taken. */
    Mono<Void> add(Caller caller, Site site, List<PendingEvent> events);

    /** Stores the site at its new revision with its events, if it is still at {@code expectedRevision}. */
    Mono<Boolean> update(Caller caller, Site site, long expectedRevision, List<PendingEvent> events);

    /** The site {@code code} of the caller's sites, or 404 site-unknown. */
    default Mono<Site> known(SiteScope scope, String code) {
        return find(scope, code).switchIfEmpty(Mono.error(() -> unknown(code)));
    }

    static ProblemException unknown(String code) {
        return ProblemException.notFound("site-unknown", "没有案场 " + Echo.of(code) + " (No site " + Echo.of(code) + ")");
    }
}
