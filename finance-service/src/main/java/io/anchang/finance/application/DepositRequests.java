package io.anchang.finance.application;

import io.anchang.finance.domain.DepositRequest;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The finance desk's queue of deposit requests. */
public interface DepositRequests {

    /** Queues a request unless it is known already (redelivery). */
    Mono<Void> add(DepositRequest request);

    Mono<DepositRequest> find(SiteScope scope, String requestId);

    Flux<DepositRequest> queued(SiteScope scope, String site);

    /** QUEUED → CONFIRMED with the receipt's number; false if it was not QUEUED. */
    Mono<Boolean> confirmed(String requestId, String receiptNo);

    /** The queued request of this hold is cancelled (the hold was released). */
    Mono<Void> cancelForHold(String site, String holdId);
}
