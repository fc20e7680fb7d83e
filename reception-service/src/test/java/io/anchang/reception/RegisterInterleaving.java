package io.anchang.reception;

import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.Stored;
import io.anchang.reception.application.Visits;
import io.anchang.reception.domain.Visit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The visitor register with something else happening at the worst moment: the first time a registration is about to
 * write a visit's entry with its {@code reception.visit-registered}, {@code meanwhile} runs to its end first — what
 * a desk change of another request does when it comes in between. Then the write goes ahead, or, with
 * {@code dies}, never comes: the registering process died.
 */
final class RegisterInterleaving implements Visits {

    private final Visits register;
    private final String visitId;
    private final Mono<?> meanwhile;
    private final boolean dies;
    private final AtomicBoolean done = new AtomicBoolean();

    RegisterInterleaving(Visits register, String visitId, Mono<?> meanwhile, boolean dies) {
        this.register = register;
        this.visitId = visitId;
        this.meanwhile = meanwhile;
        this.dies = dies;
    }

    @Override
    public Mono<Boolean> update(Caller caller, Visit visit, long expectedVersion, List<PendingEvent> events) {
        boolean registering = visit.id().equals(visitId) && events.stream().anyMatch(e -> e.payload() instanceof VisitRegistered);
        if (!registering || !done.compareAndSet(false, true)) {
            return register.update(caller, visit, expectedVersion, events);
        }
        return meanwhile.then(dies ? Mono.error(new IllegalStateException("the registering process died"))
                : register.update(caller, visit, expectedVersion, events));
    }

    @Override
    public Mono<Stored<Visit>> find(SiteScope scope, String site, String visitId) {
        return register.find(scope, site, visitId);
    }

    @Override
    public Mono<Boolean> add(Caller caller, Visit visit, List<PendingEvent> events) {
        return register.add(caller, visit, events);
    }

    @Override
    public Flux<Visit> of(SiteScope scope, String site, LocalDate day, boolean pendingOnly) {
        return register.of(scope, site, day, pendingOnly);
    }

    @Override
    public Flux<Visit> pending(SiteScope scope, String site) {
        return register.pending(scope, site);
    }

    @Override
    public Flux<Visit> askable(SiteScope scope, int limit) {
        return register.askable(scope, limit);
    }

    @Override
    public Flux<Stored<Visit>> receivingBefore(SiteScope scope, Instant before, int limit) {
        return register.receivingBefore(scope, before, limit);
    }
}
