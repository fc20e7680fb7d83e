package io.anchang.finance.application;

import io.anchang.finance.domain.Mortgage;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The contracts' mortgages and their progress (R-FIN-7). */
public interface Mortgages {

    Mono<Void> open(Mortgage mortgage);

    Mono<Mortgage> find(SiteScope scope, String site, String dealId);

    Flux<Mortgage> of(SiteScope scope, String site);

    Mono<Boolean> save(Caller caller, Mortgage mortgage, java.util.List<PendingEvent> events);
}
