package io.anchang.reception.application;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.platform.events.reception.RepStatusChanged;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.Rotation;
import io.anchang.reception.domain.Visit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The register follows customer-service's attribution (flow 1). A visit or call registered without an answer
 * (degraded mode) is asked about again — by reception-service's own identity, as every question to customer-service
 * (R-SEC-1) — at once when its registration is announced, and then on every run of the schedule until customer-service
 * answers; the phone for that question is the one the register keeps while the answer is pending, and forgets once it
 * has it (R-SEC-3). An answer, or customer-service's later word ({@code customer.visit-attributed}), completes the entry;
 * a turn used wrongly — a visit the rotation's rep took while customer-service was away that the rules say uses no turn,
 * or R-ATT-10's found earlier rep — is given back, once per visit. The serving rep stays (R-ATT-3).
 */
public class Reconciling {

    private static final Logger log = LoggerFactory.getLogger(Reconciling.class);
    private static final int BATCH = 200;
    /** A waiting customer taken from the queue while the question was on its way is asked about again, this often at most. */
    private static final int ROUNDS = 3;

    private final Visits visits;
    private final DeskChanges desks;
    private final CustomerDirectory customers;

    public Reconciling(Visits visits, DeskChanges desks, CustomerDirectory customers) {
        this.visits = visits;
        this.desks = desks;
        this.customers = customers;
    }

    /**
     * The registration of a visit or call was announced: if its attribution is pending, customer-service is asked now.
     * Its silence keeps the entry pending for the schedule ({@link #askAgain()}); it never fails the event.
     */
    public Mono<Void> registered(String site, String visitId, boolean pending) {
        if (!pending) {
            return Mono.empty();
        }
        return ask(site, visitId, 0).onErrorResume(error -> {
            log.info("visit {} of site {} stays attribution-pending for now: {}", visitId, site, error.toString());
            return Mono.empty();
        });
    }

    /** Asks customer-service about every entry whose attribution is still pending; answers how many it completed. */
    public Mono<Long> askAgain() {
        return visits.askable(SiteScope.system(), BATCH)
                .concatMap(visit -> ask(visit.siteId(), visit.id(), 0).thenReturn(1L)
                        .onErrorResume(error -> {
                            if (!(error instanceof CustomerDirectory.Unavailable)) {
                                log.warn("could not reconcile visit {} of site {}; trying again on the next run: {}", visit.id(),
                                        visit.siteId(), error.toString());
                            }
                            return Mono.just(0L);
                        }))
                .reduce(0L, Long::sum);
    }

    private Mono<Void> ask(String site, String visitId, int round) {
        Caller system = Caller.system("reception-service");
        return visits.find(system.scope(), site, visitId).filter(stored -> stored.value().askable()).flatMap(stored -> {
            Visit visit = stored.value();
            boolean call = visit.channel() == Channel.CALL;
            AttributionRequest request = new AttributionRequest(visit.id(), visit.channel(), visit.phone(), visit.customerName(),
                    visit.at(), visit.registeredBy(), visit.statement(), call ? null : visit.desk(), call ? null : visit.servedBy(),
                    !call && visit.usedTurn(), null);
            return customers.attribute(site, request).flatMap(answer -> {
                if (call || answer.servedBy() != null || visit.servedBy() != null || round >= ROUNDS) {
                    return apply(system, site, visitId, old -> answer, answer.turnGivenBackTo(), answer.ruleId(), answer.rule(),
                            visit.at()).then();
                }
                // answered as waiting: if the desk took the customer from the queue meanwhile, customer-service may have
                // heard of it before it knew the visit — it is asked again, with the rep who took them (R-REC-9)
                return visits.find(system.scope(), site, visitId).flatMap(now -> now.value().servedBy() != null
                        ? ask(site, visitId, round + 1)
                        : apply(system, site, visitId, old -> answer, answer.turnGivenBackTo(), answer.ruleId(), answer.rule(),
                        visit.at()).then());
            });
        });
    }

    /** customer-service's later word about a visit (a waiting customer taken, an earlier rep found, R-ATT-10). */
    public Mono<Void> attributed(VisitAttributed event) {
        Caller system = Caller.system("reception-service");
        return apply(system, event.siteId(), event.visitId(), old -> new AttributionAnswer(event.visitId(), event.customerId(),
                        event.archiveNo(), event.phoneMasked(), old != null && old.newCustomer(), event.servedBy(), event.role(),
                        old == null ? null : old.preferredRep(), event.usesTurn(), event.ownerRep(), event.previousOwner(),
                        event.ruleId(), event.rule(), event.shares(), old == null ? List.of() : old.claims(),
                        old == null ? null : old.complaintId(), event.turnGivenBackTo()),
                event.turnGivenBackTo(), event.ruleId(), event.rule(), event.at()).then();
    }

    /**
     * Writes the answer into the entry (and forgets its phone, R-SEC-3), giving back a turn it names — the desk first:
     * giving back is idempotent per visit on the desk itself, so a redelivery never doubles it.
     */
    private Mono<Visit> apply(Caller system, String site, String visitId, UnaryOperator<AttributionAnswer> answering,
                              String turnGivenBackTo, String ruleId, String rule, java.time.Instant at) {
        return Mono.defer(() -> visits.find(system.scope(), site, visitId).flatMap(stored -> {
                    Visit visit = stored.value();
                    AttributionAnswer answer = answering.apply(visit.answer());
                    String givenBack = turnGivenBackTo != null && visit.turnGivenBackTo() == null ? turnGivenBackTo : null;
                    Visit answered = visit.attributed(answer, givenBack);
                    // an entry still being registered keeps what its registration needs; that registration forgets it
                    Visit after = answered.receiving() ? answered : answered.forgetPhone();
                    Mono<Void> turn = givenBack == null ? Mono.empty() : desks.change(system, site, visit.day(), rotation -> {
                        Rotation back = rotation.turnGivenBack(givenBack, visit.id());
                        List<PendingEvent> events = back == rotation ? List.of() : List.of(PendingEvent.of(site,
                                SettingRotation.key(site, visit.day()), new RepStatusChanged(site, visit.day(), givenBack,
                                        back.rep(givenBack).map(Rotation.Rep::status).orElse(RepStatus.AVAILABLE),
                                        back.rep(givenBack).map(Rotation.Rep::owed).orElse(0), "TURN_GIVEN_BACK", at))
                                .because(ruleId + " " + rule));
                        return new DeskChanges.Change<>(back, null, events);
                    }).then();
                    return turn.then(visits.update(system, after, stored.version(), List.of()))
                            .flatMap(ok -> ok ? Mono.just(after) : Mono.<Visit>error(new Raced()));
                }))
                .retryWhen(Retry.max(10).filter(Raced.class::isInstance));
    }
}
