package io.anchang.reporting.application;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.reporting.domain.RotationView;
import reactor.core.publisher.Mono;

import java.time.LocalDate;

/** R-REC-1 as reported: each rotation set at reception is kept, the newest revision of a day winning. */
public class TrackingRotations {

    private final RotationViews views;

    public TrackingRotations(RotationViews views) {
        this.views = views;
    }

    /** Applies a rotation that reception set; background work of the service. */
    public Mono<Void> rotationSet(RotationView view) {
        return views.keep(view);
    }

    /** The day's rotation, for users of the site and HEAD_OFFICE; 404 if none reached reporting. */
    public Mono<RotationView> get(Caller caller, String site, LocalDate day) {
        caller.scope().requireRead(site);
        return views.find(caller.scope(), site, day).switchIfEmpty(Mono.error(() -> ProblemException.notFound(
                "rotation-unknown", "案场 " + site + " 在 " + day + " 没有排序表 (No rotation of site " + site + " for "
                        + day + " has reached the reports)")));
    }
}
