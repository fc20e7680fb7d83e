package io.anchang.reception.application;

import reactor.core.publisher.Mono;

/**
 * Runs a change of the desk to its end even when the caller goes away (a client or the
 * gateway giving up mid-request): a rep held for a visit is always given a customer or let go,
 * a register entry always follows the desk. The caller's context (identity, correlation id)
 * goes with it.
 */
final class Detached {

    private Detached() {
    }

    static <T> Mono<T> run(Mono<T> work) {
        return Mono.deferContextual(context -> Mono.fromFuture(work.contextWrite(context).toFuture(), true));
    }
}
