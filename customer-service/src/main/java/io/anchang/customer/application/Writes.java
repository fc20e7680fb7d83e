package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.problem.ProblemException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read → decide → conditional write for the archive's small aggregates (care profiles, personal data, cases, lists): the
 * decision is made on the state as read (version 0: nothing stored yet), the write takes only if nobody wrote meanwhile,
 * and a lost race decides again on a fresh read.
 */
final class Writes {

    private Writes() {
    }

    /** A conditional write that lost to another writer. */
    static final class Raced extends RuntimeException {
        Raced() {
            super(null, null, false, false);
        }
    }

    /** Reads (absent: a {@code Stored} of null at version 0), decides and writes; again after a lost race. */
    static <T, R> Mono<R> change(Supplier<Mono<Stored<T>>> read, Function<Stored<T>, Mono<R>> decide) {
        return Mono.defer(() -> read.get().defaultIfEmpty(new Stored<>(null, 0)).flatMap(decide))
                .retryWhen(Retry.max(10).filter(Raced.class::isInstance));
    }

    /** As {@link #change}, but an absent aggregate is {@code missing}. */
    static <T, R> Mono<R> changeExisting(Supplier<Mono<Stored<T>>> read, Supplier<ProblemException> missing,
                                         Function<Stored<T>, Mono<R>> decide) {
        return Mono.defer(() -> read.get().switchIfEmpty(Mono.error(missing)).flatMap(decide))
                .retryWhen(Retry.max(10).filter(Raced.class::isInstance));
    }

    /** {@code result} once the conditional write took; a lost race otherwise. */
    static <R> Mono<R> written(Mono<Boolean> write, R result) {
        return write.flatMap(ok -> ok ? Mono.just(result) : Mono.error(new Raced()));
    }
}
