package io.anchang.deal.application;

import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Buildings of a site's projects. */
public interface Buildings {

    record Building(String siteId, String code, String name, String project) {
    }

    Mono<Building> find(SiteScope scope, String site, String code);

    Flux<Building> all(SiteScope scope, String site);

    /** False if the site has a building with this code already. */
    Mono<Boolean> add(Caller caller, Building building);
}
