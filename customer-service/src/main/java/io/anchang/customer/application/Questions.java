package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.tracking.Question;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Objections and questions taken to the MANAGER (R-CUS-5). */
public interface Questions {

    Mono<Stored<Question>> byId(SiteScope scope, String site, String questionId);

    /** Newest first: the open ones only if {@code openOnly}; those of one customer, or raised by one rep, if given. */
    Flux<Question> of(SiteScope scope, String site, boolean openOnly, String customerId, String raisedBy, int limit);

    Mono<Boolean> save(Caller caller, Question question, long expectedVersion, List<PendingEvent> events);
}
