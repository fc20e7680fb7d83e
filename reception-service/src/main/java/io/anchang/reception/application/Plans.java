package io.anchang.reception.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.Plan;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** Daily and weekly plans (R-OPS-2). */
public interface Plans {

    Mono<Stored<Plan>> find(SiteScope scope, String site, String planId);

    Flux<Plan> ofPeriod(SiteScope scope, String site, Plan.Kind kind, LocalDate period);

    /** An author's plans, newest period first. */
    Flux<Plan> byAuthor(SiteScope scope, String site, String author, int limit);

    /** Stores the plan with its events if it is still at {@code expectedVersion} (0: not stored yet). */
    Mono<Boolean> save(Caller caller, Plan plan, long expectedVersion, List<PendingEvent> events);
}
