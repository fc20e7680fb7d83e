package io.anchang.reception.application;

import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * Recovers walk-ins and calls whose registration was left half-done — the reception process died (or stalled) between
 * writing the register entry as RECEIVING, holding the rotation's rep for it and placing the customer — so that no rep
 * stays held for nobody and no entry stays RECEIVING forever. Run on start and periodically.
 *
 * <p>An entry still RECEIVING {@code grace} after it was begun is completed the way the degraded path completes a
 * walk-in when customer-service does not answer ({@link Placements#complete}): the held rep serves on their turn,
 * attribution pending — customer-service resolves it from {@code VisitRegistered} and the desk reconciles, giving back a
 * turn the rules say was not used. Serving the held rep, rather than releasing them and queueing the customer, is what
 * keeps R-ATT-3: the customer, who has stood at the desk all this while, is served at once instead of queueing again
 * behind later arrivals; and it hands out exactly the turn the rotation had reserved for this visit, which no other
 * visit could take meanwhile (a held rep is skipped). Where that is impossible — event mode (the MANAGER assigns,
 * R-REC-8), or no rep was held and none is free — the held rep, if any, is released and the customer queued in arrival
 * order (R-REC-9), so still nobody is left unserved. A walk-in of a day that is over (before the site's today, in its
 * time zone) is not served or queued any more — its customer left long ago: that day's desk lets go of it (a rep held
 * for it, or left serving it, is free; it waits no more) and the entry is closed as 登记未完成 (UNFINISHED), attribution
 * pending, for the manager to settle.
 *
 * <p>No turn is handed out twice, also with several replicas recovering at once or a stalled original process waking
 * up. A recovery first claims the entry — a conditional write of it, still RECEIVING, at the version read — and touches
 * the desk only if that write wins: of several replicas exactly one goes on, and an entry the original process finished
 * meanwhile (its customer perhaps already seen off, which the desk no longer remembers) is left alone. The claim marks
 * the entry as taken over: the original process no longer writes it and lets go of its held rep;
 * every decision about the desk is made inside the desk's conditional write, on the desk as it is then — a visit the
 * desk has already served or queued keeps its place and no rep is held for it again.
 */
public class RecoveringWalkIns {

    private static final Logger log = LoggerFactory.getLogger(RecoveringWalkIns.class);
    private static final int BATCH = 200;

    private final Sites sites;
    private final Visits visits;
    private final Placements placements;
    private final Clock clock;
    private final Duration grace;

    public RecoveringWalkIns(Sites sites, Visits visits, DeskChanges desks, Clock clock, Duration grace) {
        this.sites = sites;
        this.visits = visits;
        this.placements = new Placements(visits, desks, clock);
        this.clock = clock;
        this.grace = grace;
    }

    /**
     * Completes every entry left RECEIVING for longer than the grace; answers how many it completed. Each subscription
     * is a run of its own, looking at the entries as they are then.
     */
    public Mono<Long> recover() {
        Caller system = Caller.system("reception-service");
        return Flux.defer(() -> visits.receivingBefore(SiteScope.system(), clock.instant().minus(grace), BATCH))
                .concatMap(stored -> sites.find(SiteScope.system(), stored.value().siteId())
                        .flatMap(site -> placements.complete(system, site, stored))
                        .doOnNext(visit -> log.warn("visit {} of site {} was left half-registered since {}: recovered, {} {}",
                                visit.id(), visit.siteId(), visit.at(), visit.state(),
                                visit.servedBy() == null ? "" : "served by " + visit.servedBy()))
                        .onErrorResume(error -> {
                            log.warn("could not recover visit {} of site {}; trying again on the next run: {}", stored.value().id(),
                                    stored.value().siteId(), error.toString());
                            return Mono.empty();
                        }))
                .count();
    }
}
