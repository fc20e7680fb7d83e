package io.anchang.finance.application;

import io.anchang.finance.domain.RefundDue;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the desk owes back. */
public interface RefundsDue {

    /** Opens the item with its event, once per request. */
    Mono<Void> open(RefundDue refund);

    Flux<RefundDue> of(SiteScope scope, String site);
}
