package io.anchang.customer.application;

import io.anchang.customer.domain.Arrangement;
import io.anchang.customer.domain.Claim;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.VisitRecord;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * R-ATT-10: a customer who could not say with whom they came before was received by the up
 * rep A on A's turn; A later finds the earlier rep B in the archive. If B's claim was valid,
 * A or B — as they agree, else the MANAGER decides — follows up and takes the credit, bonus
 * A 50 / B 50, and A's turn is given back; if it had expired, A keeps everything.
 */
public class FindingEarlierRep {

    private final Customers customers;
    private final AttributingVisits attributing;
    private final Clock clock;

    public FindingEarlierRep(Customers customers, AttributingVisits attributing, Clock clock) {
        this.customers = customers;
        this.attributing = attributing;
        this.clock = clock;
    }


    public Mono<AttributionAnswer> found(Caller caller, String site, String visitId, String earlierCustomerId, String followUpBy) {
        caller.requireOn(site, Role.SALES);
        return attributing.rules(caller, site).flatMap(rules -> Mono.defer(() -> customers.byVisit(caller.scope(), site, visitId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("visit-unknown", "没有这次来访 (No visit " + visitId + ")")))
                .zipWith(customers.byId(caller.scope(), site, earlierCustomerId)
                        .switchIfEmpty(Mono.error(() -> CustomerChanges.unknownCustomer(earlierCustomerId))))
                .flatMap(both -> {
                    Customer customer = both.getT1().value();
                    VisitRecord visit = customer.visit(visitId).orElseThrow();
                    if (!"R-ATT-10".equals(visit.ruleId())) {
                        return Mono.error(ProblemException.conflict("not-forgotten-rep", "这次来访不是客户记不清置业顾问的情形（R-ATT-10），规则为 "
                                + visit.ruleId() + " (This visit was not received under R-ATT-10)"));
                    }
                    String a = visit.server();
                    if (!caller.userId().equals(a) && !caller.has(Role.MANAGER)) {
                        return Mono.error(ProblemException.forbidden("not-receiver", "只有接待的" + rules.name(a)
                                + "或销售经理可以登记找到的原置业顾问 (Only the receiving rep or the MANAGER)"));
                    }
                    if (visit.turnGivenBackTo() != null) {
                        return Mono.just(AttributingVisits.answer(customer, visit, rules, null));
                    }
                    Customer earlier = both.getT2().value();
                    Claim claim = earlier.claimStandingAt(visit.at()).orElse(null);
                    PolicySettings settings = rules.settingsAt(visit.at());
                    if (claim == null || claim.rep().equals(a) || !claim.validAt(visit.at(), settings, rules.zone())) {
                        return Mono.error(ProblemException.conflict("earlier-claim-expired", (claim == null ? "档案中该客户无人建档"
                                : rules.name(claim.rep()) + "的建档" + (claim.rep().equals(a) ? "就是" + rules.name(a) + "本人" : "在来访时已过有效期"))
                                + "：与其无关，业绩奖金全部属" + rules.name(a) + " (R-ATT-10: the earlier claim was not valid; "
                                + a + " keeps everything)"));
                    }
                    String b = claim.rep();
                    if (followUpBy == null || !(followUpBy.equals(a) || followUpBy.equals(b))) {
                        return Mono.error(ProblemException.invalid("follow-up-rep-required", "请写明由" + rules.name(a) + "或" + rules.name(b)
                                + "负责后续（双方协商，否则由经理决定） (Say who follows up: " + a + " or " + b + ")"));
                    }
                    Instant now = clock.instant();
                    Customer after = customer;
                    if (!followUpBy.equals(customer.owner().orElse(null))) {
                        after = after.passedTo(followUpBy, now, "R-ATT-10", visitId);
                    }
                    after = after.withArrangement(new Arrangement(visitId, Arrangement.Kind.FORGOTTEN, now,
                            LocalDate.ofInstant(now, rules.zone()), a, b, followUpBy, "R-ATT-10", null, null));
                    VisitRecord changed = new VisitRecord(visitId, visit.channel(), visit.at(), a, visit.role(), visit.preferredRep(),
                            false, "R-ATT-10", rules.name(a) + "在档案中找到原置业顾问" + rules.name(b) + "（建档有效）：由"
                            + rules.name(followUpBy) + "负责后续，业绩属" + rules.name(followUpBy) + "，奖金" + rules.name(a)
                            + settings.splitForgotten().first() + "%/" + rules.name(b) + settings.splitForgotten().second() + "%；"
                            + rules.name(a) + "的轮值名额退回", visit.previousOwner(), visit.complaintId(), a, visit.statement());
                    after = after.replacingVisit(changed);
                    List<PendingEvent> events = new ArrayList<>(CustomerEvents.registeredOrChanged(customer, after, now, "R-ATT-10"));
                    events.add(CustomerEvents.attributed(after, changed, AttributingVisits.credit(after, now, rules, null)));
                    Customer stored = after;
                    return customers.update(caller, after, both.getT1().version(), events)
                            .flatMap(ok -> ok ? Mono.just(AttributingVisits.answer(stored, changed, rules, null)) : Mono.error(new CustomerChanges.Raced()));
                })).retryWhen(reactor.util.retry.Retry.max(10).filter(CustomerChanges.Raced.class::isInstance)));
    }
}
