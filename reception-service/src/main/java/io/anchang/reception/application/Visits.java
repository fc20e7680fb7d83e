package io.anchang.reception.application;

import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.Visit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

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

    /** Entries of any site of the scope still being registered (RECEIVING) that were begun before {@code before}, oldest first. */
    Flux<Stored<Visit>> receivingBefore(SiteScope scope, Instant before, int limit);
}
