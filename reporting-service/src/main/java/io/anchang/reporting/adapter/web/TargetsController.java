package io.anchang.reporting.adapter.web;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.reporting.application.ManagingTargets;
import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.Targets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** The MANAGER's sales targets of a month, per site and rep. */
@RestController
@RequestMapping("/api/reports/sites/{site}/targets")
@Tag(name = "销售目标 Targets")
public class TargetsController {

    private final ManagingTargets targets;

    public TargetsController(ManagingTargets targets) {
        this.targets = targets;
    }

    /** Targets as set: amounts in yuan as strings ("5000000.00"), null where not set. */
    public record GoalView(Long units, String subscribed, String contracted, String collected) {
        static GoalView of(Targets.Goal goal) {
            return new GoalView(goal.units(), yuan(goal.subscribedFen()), yuan(goal.contractedFen()), yuan(goal.collectedFen()));
        }

        private static String yuan(Long fen) {
            return fen == null ? null : Fen.yuan(fen).toPlainString();
        }
    }

    /** A rep's targets. */
    public record RepView(String userId, Long units, String subscribed, String contracted, String collected) {
    }

    /** A site's targets for a month. */
    public record TargetsView(String site, String month, GoalView siteTargets, List<RepView> reps, String setBy, Instant setAt) {
        static TargetsView of(Targets t) {
            return new TargetsView(t.siteId(), t.month().toString(), GoalView.of(t.site()), t.reps().entrySet().stream().map(e -> {
                GoalView g = GoalView.of(e.getValue());
                return new RepView(e.getKey(), g.units(), g.subscribed(), g.contracted(), g.collected());
            }).toList(), t.setBy(), t.setAt());
        }
    }

    /**
     * What the MANAGER sets: the site's targets and each rep's. Units a whole number; amounts in yuan, as a string
     * ("5000000.00") or a number; any left out is not set.
     */
    public record SetTargets(ManagingTargets.Goal siteTargets, List<ManagingTargets.RepGoal> reps) {
    }

    @Operation(summary = "A month's targets of the site (MANAGER, HEAD_OFFICE)")
    @GetMapping("/{month}")
    public Mono<TargetsView> get(Caller caller, @PathVariable String site, @PathVariable String month) {
        return targets.get(caller, site, required(month)).map(TargetsView::of);
    }

    @Operation(summary = "The site's MANAGER sets a month's targets for the site and each rep (replacing what was set; audited)")
    @PutMapping("/{month}")
    public Mono<TargetsView> set(Caller caller, @PathVariable String site, @PathVariable String month, @RequestBody SetTargets body) {
        return targets.set(caller, site, required(month), body.siteTargets(), body.reps()).map(TargetsView::of);
    }

    private static YearMonth required(String month) {
        YearMonth parsed = Inputs.month(month);
        if (parsed == null) {
            throw ProblemException.invalid("month-invalid", "请写明月份，如 2026-11 (month like 2026-11)");
        }
        return parsed;
    }

}
