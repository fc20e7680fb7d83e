package io.anchang.deal.application;

import io.anchang.platform.events.deal.DepositRejected;
import reactor.core.publisher.Mono;

/** Confirmations the deal could not accept, one per request, each announced once. */
public interface Rejections {

    /** Stores the rejection with its event unless the request was rejected before. */
    Mono<Void> record(DepositRejected rejection);
}
