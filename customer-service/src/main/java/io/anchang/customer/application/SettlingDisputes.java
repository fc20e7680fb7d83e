package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.Dispute;
import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.events.customer.DisputeRuled;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * R-ATT-16: reps bring a dispute over a customer (客户交叉); the MANAGER records the amicable
 * settlement or rules, or sends the unit's credit and bonus to the department when the reps
 * quarrel. Every ruling is recorded with its reason.
 */
public class SettlingDisputes {

    private static final Set<String> OUTCOMES = Set.of("AMICABLE", "RULED", "DEPARTMENT");

    private final Customers customers;
    private final CustomerChanges changes;
    private final Clock clock;
    private final LocalSiteDirectory directory;

    public SettlingDisputes(Customers customers, Clock clock, LocalSiteDirectory directory) {
        this.customers = customers;
        this.changes = new CustomerChanges(customers);
        this.clock = clock;
        this.directory = directory;
    }

    /** A dispute with its customer. */
    public record Open(Customer customer, Dispute dispute) {
    }

    public Mono<Open> open(Caller caller, String site, String customerId, List<String> parties, String reason) {
        caller.requireOn(site, Role.SALES);
        if (parties == null || parties.size() < 2 || reason == null || reason.isBlank()) {
            throw ProblemException.invalid("dispute-invalid", "纠纷须写明至少两位当事置业顾问和原因 (Name at least two reps and the reason)");
        }
        String id = UUID.randomUUID().toString();
        return changes.change(caller, () -> customers.byId(caller.scope(), site, customerId),
                () -> CustomerChanges.unknownCustomer(customerId),
                c -> c.disputeOpened(id, parties, caller.userId(), clock.instant(), reason), CustomerEvents::disputesOpened)
                .map(c -> new Open(c, c.dispute(id).orElseThrow()));
    }

    public Flux<Open> open(Caller caller, String site) {
        caller.requireOn(site, Role.SUPERVISOR);
        return customers.withOpenDisputes(caller.scope(), site)
                .flatMapIterable(c -> c.disputes().stream().filter(Dispute::open).map(d -> new Open(c, d)).toList());
    }

    public Mono<Open> rule(Caller caller, String site, String disputeId, String outcome, String ownerRep, List<Share> shares,
                           String reason) {
        caller.requireOn(site, Role.MANAGER);
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw ProblemException.invalid("ruling-invalid", "裁定结果须为 AMICABLE（协商一致）、RULED（经理裁定）或 DEPARTMENT（归部门） (Outcome must be one of "
                    + OUTCOMES + ")");
        }
        return SiteRules.of(directory, caller.scope(), site).flatMap(rules -> changes.change(caller,
                () -> customers.byDispute(caller.scope(), site, disputeId),
                () -> ProblemException.notFound("dispute-unknown", "没有这条纠纷 (No dispute " + disputeId + ")"),
                c -> c.disputeRuled(disputeId, outcome, ownerRep, shares == null ? List.of() : shares, reason, caller.userId(),
                        clock.instant(), rules.zone()),
                (before, after) -> {
                    Dispute ruled = after.dispute(disputeId).orElseThrow();
                    List<PendingEvent> events = new ArrayList<>(CustomerEvents.registeredOrChanged(before, after, clock.instant(), "R-ATT-16"));
                    events.add(PendingEvent.of(site, after.id(), new DisputeRuled(disputeId, site, after.id(), after.archiveNo(),
                            ruled.parties(), outcome, ruled.ownerRep(), ruled.shares(), reason, caller.userId(), clock.instant()))
                            .because(reason));
                    return events;
                })).map(c -> new Open(c, c.dispute(disputeId).orElseThrow()));
    }
}
