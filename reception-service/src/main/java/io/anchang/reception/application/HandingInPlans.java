package io.anchang.reception.application;

import io.anchang.platform.events.reception.PlanChanged;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import io.anchang.platform.validation.Echo;
import io.anchang.reception.domain.Plan;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * R-OPS-2: reps and the MANAGER hand in their daily plan in the morning (the weekly one on Saturday) to the ASSISTANT,
 * who sees who has and who has not, and hands each back before close; its author then writes the summary.
 */
public class HandingInPlans {

    /** Who writes plans: the reps and the MANAGER (九1-2). */
    static final Set<Role> PLANNERS = Set.of(Role.SALES, Role.SUPERVISOR, Role.MANAGER);

    private final Sites sites;
    private final Plans plans;
    private final Clock clock;

    public HandingInPlans(Sites sites, Plans plans, Clock clock) {
        this.sites = sites;
        this.plans = plans;
        this.clock = clock;
    }

    /** The ASSISTANT's board of a period: the plans handed in and the staff who have not. */
    public record Board(Plan.Kind kind, LocalDate period, List<Plan> plans, List<StaffMember> missing) {
    }

    public Mono<Plan> handIn(Caller caller, String site, Plan.Kind kind, List<String> items, String note) {
        caller.requireOn(site, Role.SALES);
        return SiteOperations.site(sites, caller, site).flatMap(known -> {
            Instant now = clock.instant();
            LocalDate period = Plan.periodFor(kind, known.today(now));
            return SiteOperations.change(() -> plans.find(caller.scope(), site, Plan.idOf(site, caller.userId(), kind, period)),
                    stored -> {
                        Plan next = Plan.handIn(stored.value(), site, caller.userId(), kind, items, note, now, known.profile().zone());
                        return SiteOperations.written(plans.save(caller, next, stored.version(), List.of(event(next, caller, now,
                                stored.value() == null ? null : "HANDED_IN"))), next);
                    });
        });
    }

    public Mono<Plan> handBack(Caller caller, String site, String planId) {
        caller.requireOn(site, Role.ASSISTANT, Role.MANAGER);
        return SiteOperations.change(() -> plans.find(caller.scope(), site, planId)
                        .switchIfEmpty(Mono.error(() -> unknown(planId))),
                stored -> {
                    Instant now = clock.instant();
                    Plan next = stored.value().handedBack(caller.userId(), now);
                    if (next == stored.value()) {
                        return Mono.just(next);
                    }
                    return SiteOperations.written(plans.save(caller, next, stored.version(), List.of(event(next, caller, now,
                            stored.value().state().name()))), next);
                });
    }

    public Mono<Plan> summarise(Caller caller, String site, String planId, String summary) {
        caller.requireOn(site, Role.SALES);
        return SiteOperations.change(() -> plans.find(caller.scope(), site, planId)
                        .switchIfEmpty(Mono.error(() -> unknown(planId))),
                stored -> {
                    Instant now = clock.instant();
                    Plan next = stored.value().summarised(caller.userId(), summary, now);
                    return SiteOperations.written(plans.save(caller, next, stored.version(), List.of(event(next, caller, now,
                            stored.value().state().name()))), next);
                });
    }

    /** The ASSISTANT's (or the MANAGER's) board of the plans of a period; {@code period} null: the current one. */
    public Mono<Board> board(Caller caller, String site, Plan.Kind kind, LocalDate period) {
        caller.scope().requireRead(site);
        if (!caller.hasAny(Role.ASSISTANT, Role.MANAGER)) {
            throw ProblemException.forbidden("role-required", "计划汇总表供销售助理和销售经理查看 (The plans board is for the ASSISTANT and the MANAGER)");
        }
        return SiteOperations.site(sites, caller, site).flatMap(known -> {
            LocalDate shown = period != null ? period : Plan.periodFor(kind, known.today(clock.instant()));
            return plans.ofPeriod(caller.scope(), site, kind, shown).collectList().map(handedIn -> {
                Set<String> authors = handedIn.stream().map(Plan::author).collect(Collectors.toSet());
                List<StaffMember> missing = known.profile().staff().stream().filter(StaffMember::active)
                        .filter(m -> PLANNERS.contains(m.role())).filter(m -> !authors.contains(m.userId())).toList();
                return new Board(kind, shown, handedIn, missing);
            });
        });
    }

    /** The caller's own plans, newest first. */
    public Flux<Plan> mine(Caller caller, String site) {
        caller.scope().requireRead(site);
        return plans.byAuthor(caller.scope(), site, caller.userId(), 60);
    }

    private static PendingEvent event(Plan plan, Caller caller, Instant now, String before) {
        return PendingEvent.of(plan.siteId(), plan.id(), new PlanChanged(plan.id(), plan.siteId(), plan.author(), plan.kind().name(),
                plan.period(), plan.state().name(), plan.items().size(), plan.late(), caller.userId(), now))
                .before(before).because("R-OPS-2 计划表");
    }

    private static ProblemException unknown(String planId) {
        return ProblemException.notFound("plan-unknown", "没有这份计划 (No plan " + Echo.of(planId) + ")");
    }
}
