package io.anchang.deal.application;

import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Mono;

/**
 * deal-service's copy of {@code customerId → owner rep}, from customer-service's events: a
 * rep holds units only for customers of theirs (R-DEAL-2).
 */
public interface CustomerCopies {

    record CustomerCopy(String customerId, String siteId, String name, String ownerRep) {
    }

    Mono<CustomerCopy> find(SiteScope scope, String site, String customerId);

    Mono<Void> registered(String site, String customerId, String name, String ownerRep);

    Mono<Void> ownerChanged(String site, String customerId, String ownerRep);
}
