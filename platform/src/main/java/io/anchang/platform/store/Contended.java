package io.anchang.platform.store;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read → decide → conditional write, the one way every service changes contended state: the decision is made on the
 * state as read, the write takes only if the state is still at the version read, and a write that lost the race
 * ({@link Raced}) makes the whole change run again on a fresh read — so no change is lost to another one written
 * meanwhile, and none is applied twice.
 */
public final class Contended {

    /** How often a change is decided again before its caller hears that the state kept changing. */
    public static final int ATTEMPTS = 10;

    private Contended() {
    }

    /**
     * Reads with {@code read}, decides and writes with {@code decide} (which ends in {@link #written}, or answers without
     * writing), and runs both again after a lost race. An empty read stays empty.
     */
    public static <T, R> Mono<R> change(Supplier<Mono<Stored<T>>> read, Function<Stored<T>, Mono<R>> decide) {
        return retried(() -> read.get().flatMap(decide));
    }

    /** {@code result} once the conditional {@code write} took; a {@link Raced} if another writer came first. */
    public static <R> Mono<R> written(Mono<Boolean> write, R result) {
        return write.flatMap(ok -> ok ? Mono.just(result) : Mono.<R>error(new Raced()));
    }

    /** Runs {@code attempt} afresh (a new read each time) until it does not lose a race, at most {@link #ATTEMPTS} more times. */
    public static <R> Mono<R> retried(Supplier<Mono<R>> attempt) {
        return Mono.defer(attempt).retryWhen(Retry.max(ATTEMPTS).filter(Raced.class::isInstance));
    }
}
