package io.anchang.finance.application;

import io.anchang.finance.domain.Due;
import io.anchang.finance.domain.DueKind;
import io.anchang.finance.domain.Mortgage;
import io.anchang.platform.events.finance.PaymentOverdue;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * R-FIN-3, R-DEAL-9: what is overdue, found every day in each site's own calendar. An amount unpaid after its
 * day is announced overdue once ({@code finance.payment-overdue}); overdue more than the site's
 * {@code breachMonths} it is announced once more as a breach, and deal-service opens the breach case. A
 * mortgage is the bank's to pay (R-FIN-7): it is overdue only once the bank rejected it.
 */
public class WatchingArrears {

    private static final Caller SYSTEM = Caller.system("finance-service");

    private final Dues dues;
    private final Mortgages mortgages;
    private final DeskCalendar calendar;

    public WatchingArrears(Dues dues, Mortgages mortgages, DeskCalendar calendar) {
        this.dues = dues;
        this.mortgages = mortgages;
        this.calendar = calendar;
    }

    /**
     * The daily check at {@code now}: each site's day by its time zone, its {@code breachMonths} on that day.
     *
     * @return how many announcements were made
     */
    public Mono<Long> check(Instant now) {
        // the latest calendar day anywhere: every due before it is a candidate, each judged in its site's zone
        LocalDate latest = LocalDate.ofInstant(now, ZoneOffset.ofHours(14));
        return dues.openBefore(latest).concatMap(due -> calendar.zone(due.siteId()).flatMap(zone -> {
            LocalDate today = LocalDate.ofInstant(now, zone);
            return calendar.policy(due.siteId(), today).flatMap(policy -> bankStillPaying(due).flatMap(skip -> {
                if (skip) {
                    return Mono.just(0L);
                }
                boolean overdueNow = due.overdueOn(today) && !due.overdue();
                boolean breachNow = due.pastBreachOn(today, policy.breachMonths()) && !due.breach();
                if (!overdueNow && !breachNow) {
                    return Mono.just(0L);
                }
                List<PendingEvent> events = new ArrayList<>();
                if (overdueNow) {
                    events.add(event(due, today, false, policy.breachMonths(), now));
                }
                if (breachNow) {
                    events.add(event(due, today, true, policy.breachMonths(), now));
                }
                return dues.save(SYSTEM, due.announced(overdueNow, breachNow), events).map(written -> written ? (long) events.size() : 0L);
            }));
        })).reduce(0L, Long::sum);
    }

    private Mono<Boolean> bankStillPaying(Due due) {
        if (due.kind() != DueKind.MORTGAGE) {
            return Mono.just(false);
        }
        return mortgages.find(SiteScope.system(), due.siteId(), due.dealId()).map(m -> m.stage() != Mortgage.Stage.REJECTED).defaultIfEmpty(false);
    }

    private static PendingEvent event(Due due, LocalDate today, boolean breach, int breachMonths, Instant now) {
        return PendingEvent.of(due.siteId(), due.dueId(), new PaymentOverdue(due.dueId(), due.siteId(), due.dealId(), due.unitId(),
                due.unitLabel(), due.kind().name(), due.amount().amount(), due.outstanding().amount(), due.dueOn(), due.daysOverdue(today),
                breach, breachMonths, today, now)).because(breach ? "R-DEAL-9 逾期超过 " + breachMonths + " 个月" : "R-FIN-3 逾期未付");
    }

    /** What is overdue at the site today (FINANCE, MANAGER, ASSISTANT): for the reminder notices (催款通知单). */
    public Flux<Due> overdue(Caller caller, String site) {
        caller.requireOn(site, Role.FINANCE, Role.MANAGER, Role.ASSISTANT);
        return calendar.today(site).flatMapMany(today -> dues.of(caller.scope(), site).filter(d -> d.overdueOn(today)));
    }

    /** A reminder notice is for an amount with something outstanding. */
    public Mono<Due> reminder(Caller caller, String site, String dueId) {
        caller.requireOn(site, Role.FINANCE, Role.MANAGER, Role.ASSISTANT);
        return dues.find(caller.scope(), site, dueId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("due-unknown", "没有应收款 " + Echo.of(dueId) + " (No amount due " + Echo.of(dueId) + ")")))
                .map(due -> {
                    if (!due.outstanding().isPositive()) {
                        throw ProblemException.conflict("nothing-outstanding", "该应收款已收讫或已取消，无需催款 (Nothing is outstanding)");
                    }
                    return due;
                });
    }
}
