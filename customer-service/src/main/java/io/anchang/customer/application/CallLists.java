package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.calls.CallList;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** The MANAGER's call lists (R-OPS-4), one per site, day and purpose. */
public interface CallLists {

    Mono<Stored<CallList>> byId(SiteScope scope, String site, String listId);

    Flux<CallList> ofDay(SiteScope scope, String site, LocalDate day);

    Mono<Boolean> save(Caller caller, CallList list, long expectedVersion, List<PendingEvent> events);
}
