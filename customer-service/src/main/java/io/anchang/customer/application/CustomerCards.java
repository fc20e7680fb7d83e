package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Customers' cards (R-CUS-1, 2, 4, 6, 7), one per customer. */
public interface CustomerCards {

    Mono<Stored<CustomerCard>> byCustomer(SiteScope scope, String site, String customerId);

    /** The card that holds deal {@code dealId} in its deal archive (R-CUS-7), if any. */
    Mono<CustomerCard> byDeal(SiteScope scope, String site, String dealId);

    /** Every card of the site. */
    Flux<CustomerCard> of(SiteScope scope, String site);

    /** The cards of class A or B, of every site in the scope (the overdue sweep). */
    Flux<CustomerCard> tracked(SiteScope scope);

    Mono<Boolean> save(Caller caller, CustomerCard card, long expectedVersion, List<PendingEvent> events);
}
