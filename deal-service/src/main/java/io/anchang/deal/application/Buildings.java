package io.anchang.deal.application;

import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Buildings of a site's projects. */
public interface Buildings {

    record Building(String siteId, String code, String name, String project) {

        public String id() {
            return id(siteId, code);
        }

        /** A building's id: site and code, {@code SH01-3}. */
        public static String id(String site, String code) {
            return site + "-" + code;
        }
    }

    Mono<Building> find(SiteScope scope, String site, String code);

    Flux<Building> all(SiteScope scope, String site);

    /** Stores the building with its event in one atomic write; false if the site has a building with this code already. */
    Mono<Boolean> add(Caller caller, Building building, PendingEvent registered);
}
