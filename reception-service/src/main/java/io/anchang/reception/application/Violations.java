package io.anchang.reception.application;

import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Recorded violations (R-REC-4). */
public interface Violations {

    Mono<Void> add(Caller caller, Violation violation, List<PendingEvent> events);

    Flux<Violation> of(SiteScope scope, String site);
}
