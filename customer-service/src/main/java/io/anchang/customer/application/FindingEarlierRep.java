package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.VisitRecord;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.platform.site.Role;
import io.anchang.platform.store.Contended;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * R-ATT-10: a customer who could not say with whom they came before was received by the up
 * rep A on A's turn; A later finds the earlier rep B in the archive. If B's claim was valid,
 * A or B — as they agree, else the MANAGER decides — follows up and takes the credit, bonus
 * A 50 / B 50, and A's turn is given back; if it had expired, A keeps everything. The answer
 * gives the shares as stored by this change.
 */
public class FindingEarlierRep {

    private final Customers customers;
    private final LocalSiteDirectory directory;
    private final Clock clock;

    public FindingEarlierRep(Customers customers, LocalSiteDirectory directory, Clock clock) {
        this.customers = customers;
        this.directory = directory;
        this.clock = clock;
    }

    public Mono<AttributionAnswer> found(Caller caller, String site, String visitId, String earlierCustomerId, String followUpBy) {
        caller.requireOn(site, Role.SALES);
        return SiteRules.of(directory, caller.scope(), site).flatMap(rules -> Contended.retried(() -> customers.byVisit(caller.scope(), site, visitId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("visit-unknown", "没有这次来访 (No visit " + visitId + ")")))
                .zipWith(customers.byId(caller.scope(), site, earlierCustomerId)
                        .switchIfEmpty(Mono.error(() -> CustomerChanges.unknownCustomer(earlierCustomerId))))
                .flatMap(both -> {
                    Customer customer = both.getT1().value();
                    VisitRecord visit = customer.visit(visitId).orElseThrow();
                    String a = visit.server();
                    if (!caller.userId().equals(a) && !caller.has(Role.MANAGER)) {
                        return Mono.error(ProblemException.forbidden("not-receiver", "只有接待的" + rules.name(a)
                                + "或销售经理可以登记找到的原置业顾问 (Only the receiving rep or the MANAGER)"));
                    }
                    Instant now = clock.instant();
                    Customer after = customer.earlierRepFound(visitId, both.getT2().value(), followUpBy, now,
                            rules.settingsAt(visit.at()), rules.zone(), rules::name);
                    VisitRecord changed = after.visit(visitId).orElseThrow();
                    AttributionAnswer answer = Answers.answer(after, changed, rules, null, now);
                    if (after == customer) {
                        return Mono.just(answer);
                    }
                    List<PendingEvent> events = new ArrayList<>(CustomerEvents.registeredOrChanged(customer, after, now, "R-ATT-10"));
                    events.add(CustomerEvents.attributed(after, changed, Answers.credit(after, now, rules, null)));
                    return Contended.written(customers.update(caller, after, both.getT1().version(), events), answer);
                })));
    }
}
