package io.anchang.reception.application;

import io.anchang.platform.store.Raced;
import io.anchang.platform.store.Stored;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.reception.domain.Site;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the site operations' use cases share: the site as the caller may see it, and read → decide → conditional write. */
final class SiteOperations {

    private SiteOperations() {
    }

    static Mono<Site> site(Sites sites, Caller caller, String site) {
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> Sites.unknown(site)));
    }

    /** A decision on the stored state (version 0 when there is none yet), written only if nobody wrote meanwhile; else decided again. */
    static <T, R> Mono<R> change(Supplier<Mono<Stored<T>>> read, Function<Stored<T>, Mono<R>> decide) {
        return Mono.defer(() -> read.get().defaultIfEmpty(new Stored<>(null, 0)).flatMap(decide))
                .retryWhen(Retry.max(10).filter(Raced.class::isInstance));
    }

    static <R> Mono<R> written(Mono<Boolean> write, R result) {
        return write.flatMap(ok -> ok ? Mono.just(result) : Mono.error(new Raced()));
    }

    static List<PendingEvent> one(PendingEvent event) {
        return List.of(event);
    }
}
