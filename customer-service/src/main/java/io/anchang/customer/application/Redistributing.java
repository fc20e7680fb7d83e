package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.Draw;
import io.anchang.platform.events.customer.CustomersRedistributed;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * R-ATT-15: a MANAGER redistributes the customers of a rep on long leave or transferred among
 * the site's other reps by random draw. The draw (seed and result) is stored first with its
 * event; then each customer passes to the rep drawn, each step conditional on the customer
 * still belonging to the departing rep, so running it again completes it and changes nothing twice.
 */
public class Redistributing {

    private final Customers customers;
    private final Draws draws;
    private final CustomerChanges changes;
    private final Clock clock;
    private final LocalSiteDirectory directory;
    private final SecureRandom seeds = new SecureRandom();

    public Redistributing(Customers customers, Draws draws, Clock clock, LocalSiteDirectory directory) {
        this.customers = customers;
        this.draws = draws;
        this.changes = new CustomerChanges(customers);
        this.clock = clock;
        this.directory = directory;
    }

    public Mono<Draw> draw(Caller caller, String site, String fromRep, List<String> toReps, Long seed, String reason) {
        caller.requireOn(site, Role.MANAGER);
        return SiteRules.of(directory, caller.scope(), site).flatMap(rules -> {
            for (String rep : toReps == null ? List.<String>of() : toReps) {
                if (!rules.isStaff(rep)) {
                    return Mono.error(ProblemException.invalid("rep-unknown", "置业顾问 " + rep + " 不在案场 " + site
                            + " 的员工名单中 (" + rep + " is not on the staff of site " + site + ")"));
                }
            }
            long drawSeed = seed != null ? seed : seeds.nextLong();
            return customers.ownedBy(caller.scope(), site, fromRep)
                    .map(c -> new Draw.Ticket(c.id(), c.archiveNo())).collectList()
                    .map(tickets -> Draw.of(UUID.randomUUID().toString(), site, fromRep, toReps, drawSeed, tickets, reason,
                            caller.userId(), clock.instant()))
                    .flatMap(draw -> draws.add(caller, draw, List.of(PendingEvent.of(site, draw.id(), new CustomersRedistributed(
                                    draw.id(), site, fromRep, draw.toReps(), drawSeed, draw.assignments().stream()
                                    .map(a -> new CustomersRedistributed.Assignment(a.customerId(), a.archiveNo(), a.toRep())).toList(),
                                    draw.reason(), caller.userId(), draw.at())).because(draw.reason())))
                            .then(apply(caller, site, draw)).thenReturn(draw));
        });
    }

    private Mono<Void> apply(Caller caller, String site, Draw draw) {
        return Flux.fromIterable(draw.assignments()).concatMap(a -> changes.change(caller,
                () -> customers.byId(caller.scope(), site, a.customerId()),
                () -> CustomerChanges.unknownCustomer(a.customerId()),
                c -> c.redistributed(draw.fromRep(), a.toRep(), draw.at()),
                (before, after) -> CustomerEvents.registeredOrChanged(before, after, draw.at(), "R-ATT-15 抽签 " + draw.id())))
                .then();
    }

    public Mono<Draw> find(Caller caller, String site, String drawId) {
        caller.scope().requireRead(site);
        return draws.byId(caller.scope(), site, drawId).switchIfEmpty(Mono.error(() -> ProblemException.notFound("draw-unknown",
                "没有这次抽签 (No draw " + drawId + ")")));
    }

}
