package io.anchang.reporting.application;

import io.anchang.platform.security.SiteScope;
import io.anchang.reporting.domain.RotationView;
import reactor.core.publisher.Mono;

import java.time.LocalDate;

/** The rotation views' store, one per site and day. */
public interface RotationViews {

    Mono<RotationView> find(SiteScope scope, String site, LocalDate day);

    /**
     * Keeps {@code view} unless the store holds its site and day at the same or a newer
     * revision: old news never overwrites new, and a duplicate changes nothing.
     */
    Mono<Void> keep(RotationView view);
}
