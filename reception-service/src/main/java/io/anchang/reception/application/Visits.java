package io.anchang.reception.application;

import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.Visit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The visitor and call registers (R-REC-3). */
public interface Visits {

    Mono<Stored<Visit>> find(SiteScope scope, String site, String visitId);

    /** Stores a new entry; false if the id (the request id) is taken. */
    Mono<Boolean> add(Caller caller, Visit visit, List<PendingEvent> events);

    Mono<Boolean> update(Caller caller, Visit visit, long expectedVersion, List<PendingEvent> events);

    /** A day's entries in time order; with {@code pendingOnly}, those whose attribution is pending. */
    Flux<Visit> of(SiteScope scope, String site, LocalDate day, boolean pendingOnly);

    /** Every entry whose attribution is pending, whatever the day. */
    Flux<Visit> pending(SiteScope scope, String site);

    /**
     * Entries of any site of the scope whose attribution is pending and whose phone is kept for asking customer-service
     * again ({@link Visit#askable()}), oldest first.
     */
    Flux<Visit> askable(SiteScope scope, int limit);

    /** Entries of any site of the scope still being registered (RECEIVING) that were begun before {@code before}, oldest first. */
    Flux<Stored<Visit>> receivingBefore(SiteScope scope, Instant before, int limit);

    /** An entry as a change leaves it, with the events the change causes. */
    record Written(Visit after, List<PendingEvent> events) {
    }

    /**
     * Changes an entry as it is now, so that no change is lost to another written meanwhile: reads the entry, decides
     * the change on it ({@code change}; empty: nothing to write) and writes it with its events only if the entry is
     * still as read — else reads it again and decides again.
     *
     * @return the entry as written, or as found when there was nothing to write; empty if there is no such entry
     */
    default Mono<Visit> change(Caller caller, String site, String visitId, Function<Visit, Optional<Written>> change) {
        return Mono.defer(() -> find(caller.scope(), site, visitId).flatMap(stored -> change.apply(stored.value())
                        .map(written -> update(caller, written.after(), stored.version(), written.events())
                                .flatMap(ok -> ok ? Mono.just(written.after()) : Mono.<Visit>error(new Raced())))
                        .orElseGet(() -> Mono.just(stored.value()))))
                .retryWhen(Retry.max(10).filter(Raced.class::isInstance));
    }
}
