package io.anchang.customer.application;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.store.Contended;
import io.anchang.platform.store.Stored;
import reactor.core.publisher.Mono;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The platform's read → decide → conditional write ({@link Contended}) for the archive's small aggregates (cards, care
 * profiles, personal data, cases, lists), where an aggregate not stored yet is decided on as {@code null} at version 0.
 * Shared by the archive's use cases; not a use case itself.
 */
final class Changes {

    private Changes() {
    }

    /** Reads (absent: a {@code Stored} of null at version 0), decides and writes; again after a lost race. */
    static <T, R> Mono<R> change(Supplier<Mono<Stored<T>>> read, Function<Stored<T>, Mono<R>> decide) {
        return Contended.change(() -> read.get().defaultIfEmpty(new Stored<>(null, 0)), decide);
    }

    /** As {@link #change}, but an absent aggregate is {@code missing}. */
    static <T, R> Mono<R> changeExisting(Supplier<Mono<Stored<T>>> read, Supplier<ProblemException> missing,
                                         Function<Stored<T>, Mono<R>> decide) {
        return Contended.change(() -> read.get().switchIfEmpty(Mono.error(missing)), decide);
    }

    /** {@code result} once the conditional write took; a lost race otherwise. */
    static <R> Mono<R> written(Mono<Boolean> write, R result) {
        return Contended.written(write, result);
    }
}
