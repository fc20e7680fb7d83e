package io.anchang.reception.application;

import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.Rotation;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** The rotations' store, one per site and day. */
public interface Rotations {

    Mono<Rotation> find(SiteScope scope, String site, LocalDate day);

    /** Stores the rotation with its events if no one changed it since {@code expectedRevision} (0: none yet). */
    Mono<Boolean> save(Caller caller, Rotation rotation, long expectedRevision, List<PendingEvent> events);
}
