package io.anchang.reception.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.Rotation;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** The desks' store: one rotation per site and day, changed only by a conditional write on its version. */
public interface Rotations {

    Mono<Stored<Rotation>> find(SiteScope scope, String site, LocalDate day);

    /** Stores the rotation with its events if it is still at {@code expectedVersion} (0: none yet). */
    Mono<Boolean> save(Caller caller, Rotation rotation, long expectedVersion, List<PendingEvent> events);

    /** The desk's aggregate id, {@code SH01:2026-11-27}: the key of its events. */
    static String key(String site, LocalDate day) {
        return site + ":" + day;
    }
}
