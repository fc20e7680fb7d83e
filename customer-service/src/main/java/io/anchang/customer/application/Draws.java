package io.anchang.customer.application;

import io.anchang.customer.domain.Draw;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Mono;

import java.util.List;

/** Redistribution draws (R-ATT-15), kept with their seed and result. */
public interface Draws {

    Mono<Void> add(Caller caller, Draw draw, List<PendingEvent> events);

    Mono<Draw> byId(SiteScope scope, String site, String drawId);
}
