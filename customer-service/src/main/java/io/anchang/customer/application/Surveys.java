package io.anchang.customer.application;

import io.anchang.customer.domain.relations.Survey;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** Satisfaction surveys (R-CUS-10), each kept once. */
public interface Surveys {

    Mono<Void> add(Caller caller, Survey survey, List<PendingEvent> events);

    /** Taken from {@code from} (included) to {@code to} (excluded), newest first; of one customer if given. */
    Flux<Survey> between(SiteScope scope, String site, Instant from, Instant to, String customerId, int limit);
}
