package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.relations.Feedback;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Complaints and suggestions (R-CUS-9). */
public interface Feedbacks {

    Mono<Stored<Feedback>> byId(SiteScope scope, String site, String feedbackId);

    /** Newest first; of one status if given, of one customer if given. */
    Flux<Feedback> of(SiteScope scope, String site, Feedback.Status status, String customerId, int limit);

    Mono<Boolean> save(Caller caller, Feedback feedback, long expectedVersion, List<PendingEvent> events);
}
