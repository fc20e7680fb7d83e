package io.anchang.reporting.adapter.web;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.reporting.application.projection.ProjectionStatus;
import io.anchang.reporting.application.projection.Rebuilding;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The read models: how they stand, and the ADMIN's rebuild by replay of every topic from its start. */
@RestController
@RequestMapping("/api/reports/projections")
@Tag(name = "读模型 Read models")
public class ProjectionsController {

    private final Rebuilding rebuilding;

    public ProjectionsController(Rebuilding rebuilding) {
        this.rebuilding = rebuilding;
    }

    @Operation(summary = "The generation serving the reports, a rebuild under way, events applied and records still to read (an ADMIN of every site *, HEAD_OFFICE)")
    @GetMapping
    public Mono<ProjectionStatus> status(Caller caller) {
        if (!caller.hasAny(Role.ADMIN, Role.HEAD_OFFICE)) {
            throw ProblemException.forbidden("role-required", "仅管理员或总部可查看 (ADMIN or HEAD_OFFICE only)");
        }
        // R-SEC-1: the read models hold every site: HEAD_OFFICE, or an ADMIN of every site (*)
        caller.scope().requireReadEverySite("查看报表数据的状态", "see the state of the read models");
        return Mono.fromCallable(rebuilding::status).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(summary = "ADMIN of every site (*): rebuild every read model by replaying the four topics from their start into new collections; the old ones serve until the new have caught up, then the switch is one atomic write. 202, or 409 while a rebuild is under way")
    @PostMapping("/rebuild")
    public Mono<ResponseEntity<ProjectionStatus>> rebuild(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw ProblemException.forbidden("role-required", "仅管理员可重建报表数据 (Only an ADMIN rebuilds the read models)");
        }
        // R-SEC-1: a rebuild replays every site's events: only an ADMIN of every site (*)
        caller.scope().requireWriteEverySite("重建报表数据", "rebuild the read models");
        return Mono.fromCallable(() -> rebuilding.rebuild(caller.userId()).orElseThrow(() -> ProblemException.conflict("rebuild-under-way",
                        "报表数据正在重建，完成后才能再次重建 (A rebuild is under way; wait until it is done)")))
                .subscribeOn(Schedulers.boundedElastic())
                .map(status -> ResponseEntity.status(HttpStatus.ACCEPTED).body(status));
    }
}
