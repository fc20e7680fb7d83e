package io.anchang.reception.application;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.events.reception.CallRegistered;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import io.anchang.reception.domain.Rotation;
import io.anchang.reception.domain.Site;
import io.anchang.reception.domain.Visit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Flow 1 at the desk (R-REC-3, R-REC-5..9): a walk-in or a call is written in its register;
 * the rotation's rep is held for it; customer-service resolves the customer and applies the
 * attribution rules; the desk gives the customer to the rep the rules name — or, when that rep
 * cannot serve any more, to the held rep as helper — or to the queue. When customer-service
 * does not answer in time the held rep serves on their turn and the visit is marked
 * attribution-pending, to be reconciled from the events. The same request id twice is one visit.
 */
public class ReceivingVisitors {

    private static final Logger log = LoggerFactory.getLogger(ReceivingVisitors.class);

    private final Sites sites;
    private final Visits visits;
    private final DeskChanges desks;
    private final CustomerDirectory customers;
    private final WorkingTheDesk working;
    private final Clock clock;

    public ReceivingVisitors(Sites sites, Visits visits, DeskChanges desks, CustomerDirectory customers, WorkingTheDesk working,
                             Clock clock) {
        this.sites = sites;
        this.visits = visits;
        this.desks = desks;
        this.customers = customers;
        this.working = working;
        this.clock = clock;
    }

    /** A walk-in as the desk enters it: the phone and what the customer says (R-REC-5). */
    public record WalkIn(String requestId, String phone, String name, Statement statement, String note) {
    }

    /** An inbound call as the rep who took it enters it (R-REC-3). */
    public record Call(String requestId, String phone, String name, String receivedBy, String note) {
    }

    /** The register entry, and whether this request had been registered before (a replay). */
    public record Registered(Visit visit, boolean replayed) {
    }

    private record Placement(String server, boolean turn, Rotation.Waiting waiting) {
    }

    public Mono<Registered> walkIn(Caller caller, String site, WalkIn walkIn) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        Phone phone = Phone.parse(walkIn.phone());
        Statement said = walkIn.statement() == null ? Statement.none() : walkIn.statement();
        if (said.broughtByPhone() != null) {
            Phone.parse(said.broughtByPhone());
        }
        if (said.householdPhone() != null) {
            Phone.parse(said.householdPhone());
        }
        return site(caller, site).flatMap(known -> {
            for (String rep : said.repsNamed()) {
                staff(known, rep);
            }
            if (said.assignedTo() != null) {
                caller.requireOn(site, Role.MANAGER);
            }
            Instant now = clock.instant();
            LocalDate day = known.today(now);
            String visitId = Visit.idFor(site, Channel.VISIT, walkIn.requestId());
            Visit receiving = Visit.receiving(visitId, site, walkIn.requestId(), Channel.VISIT, day, now, phone.e164(),
                    phone.masked(), walkIn.name(), said, caller.userId(), walkIn.note());
            return begin(caller, receiving).flatMap(existing -> existing.replayed() ? Mono.just(existing)
                    : Detached.run(receive(caller, known, receiving)).map(v -> new Registered(v, false)));
        });
    }

    public Mono<Registered> call(Caller caller, String site, Call call) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        Phone phone = Phone.parse(call.phone());
        return site(caller, site).flatMap(known -> {
            String taker = call.receivedBy() == null || call.receivedBy().isBlank() ? caller.userId() : call.receivedBy();
            staff(known, taker);
            Instant now = clock.instant();
            String callId = Visit.idFor(site, Channel.CALL, call.requestId());
            Visit receiving = Visit.receiving(callId, site, call.requestId(), Channel.CALL, known.today(now), now, phone.e164(),
                    phone.masked(), call.name(), Statement.none(), taker, call.note());
            return begin(caller, receiving).flatMap(existing -> existing.replayed() ? Mono.just(existing)
                    : Detached.run(takeCall(caller, receiving)).map(v -> new Registered(v, false)));
        });
    }

    /** Writes the entry as RECEIVING, or finds the one this request id made before (idempotency). */
    private Mono<Registered> begin(Caller caller, Visit receiving) {
        return visits.add(caller, receiving, List.of()).flatMap(added -> added ? Mono.just(new Registered(receiving, false))
                : visits.find(caller.scope(), receiving.siteId(), receiving.id()).map(stored -> {
                    if ("RECEIVING".equals(stored.value().state())) {
                        throw ProblemException.conflict("visit-in-progress", "同一登记正在处理中，请稍后刷新 (This request "
                                + receiving.requestId() + " is being registered right now)");
                    }
                    return new Registered(stored.value(), true);
                }));
    }

    private Mono<Visit> receive(Caller caller, Site site, Visit visit) {
        String code = site.code();
        PolicySettings settings = site.profile().policyOn(visit.day());
        return desks.change(caller, code, visit.day(), rotation -> DeskChanges.Change.of(rotation.hold(visit.id())))
                .flatMap(held -> {
                    String heldRep = held.result() == null ? null : held.result().userId();
                    Desk desk = held.rotation().desk(heldRep, visit.id());
                    AttributionRequest request = new AttributionRequest(visit.id(), Channel.VISIT, visit.phone(), visit.customerName(),
                            visit.at(), caller.userId(), visit.statement(), desk, null, false);
                    return customers.attribute(code, request)
                            .map(answer -> place(caller, visit, settings, heldRep, answer, desk))
                            .onErrorResume(CustomerDirectory.Unavailable.class, unavailable -> {
                                log.warn("customer-service did not answer for visit {} of {} ({}): registered with the rotation's rep, attribution pending",
                                        visit.id(), code, unavailable.getMessage());
                                return Mono.just(place(caller, visit, settings, heldRep, null, desk));
                            })
                            .flatMap(placing -> placing)
                            .onErrorResume(ProblemException.class, refused -> desks.change(caller, code, visit.day(),
                                            rotation -> new DeskChanges.Change<>(rotation.release(visit.id()), null, List.of()))
                                    .then(visits.find(caller.scope(), code, visit.id()))
                                    .flatMap(stored -> visits.update(caller, stored.value().rejected(), stored.version(), List.of()))
                                    .then(Mono.error(refused)))
                            // whatever else went wrong, the held rep is let go: a rep is never held for nobody
                            .onErrorResume(error -> !(error instanceof ProblemException), error -> desks.change(caller, code, visit.day(),
                                            rotation -> new DeskChanges.Change<>(rotation.release(visit.id()), null, List.of()))
                                    .then(Mono.error(error)));
                });
    }

    /** Gives the customer to a rep or the queue, then writes the register entry with its event. */
    private Mono<Visit> place(Caller caller, Visit visit, PolicySettings settings, String heldRep, AttributionAnswer answer, Desk desk) {
        boolean pending = answer == null;
        return desks.change(caller, visit.siteId(), visit.day(), rotation -> {
                    Placement placement = placement(rotation, visit, heldRep, answer);
                    Rotation next = placement.server() != null
                            ? rotation.serve(visit.id(), placement.server(), placement.turn(), label(visit, answer), visit.at(), settings)
                            : rotation.enqueue(placement.waiting());
                    Rotation.Outcome<List<Rotation.Pickup>> drained = next.drain(clock.instant(), settings);
                    return new DeskChanges.Change<>(drained.rotation(), new Object[]{placement, drained.result()}, List.of());
                })
                .flatMap(change -> {
                    Placement placement = (Placement) change.result()[0];
                    @SuppressWarnings("unchecked")
                    List<Rotation.Pickup> pickups = (List<Rotation.Pickup>) change.result()[1];
                    Visit after = placement.server() != null
                            ? visit.served(placement.server(), placement.turn(), pending, answer, visit.at())
                            : visit.waiting(pending, answer);
                    VisitRegistered event = new VisitRegistered(visit.id(), visit.siteId(), visit.requestId(), visit.at(),
                            visit.phoneMasked(), pending ? visit.phone() : null, visit.customerName(),
                            answer == null ? null : answer.customerId(), placement.server(), placement.turn(),
                            placement.server() == null, pending, answer == null ? null : answer.ruleId(),
                            pending ? visit.statement() : null, pending ? desk : null, visit.registeredBy());
                    return visits.update(caller, after, 1, List.of(PendingEvent.of(visit.siteId(), visit.id(), event)
                                    .because(answer == null ? "attribution pending" : answer.ruleId() + " " + answer.rule())))
                            .then(working.applyPickups(caller, visit.siteId(), pickups))
                            .then(visits.find(caller.scope(), visit.siteId(), visit.id()).map(Stored::value));
                });
    }

    private static Placement placement(Rotation rotation, Visit visit, String heldRep, AttributionAnswer answer) {
        String label = label(visit, answer);
        if (answer == null) {
            // degraded: the rotation's rep serves on their turn; reconciled when customer-service is back
            if (heldRep != null && rotation.canServe(heldRep, visit.id())) {
                return new Placement(heldRep, true, null);
            }
            return new Placement(null, false, new Rotation.Waiting(visit.id(), label, visit.at(), null, true));
        }
        if (answer.servedBy() != null && rotation.canServe(answer.servedBy(), visit.id())) {
            return new Placement(answer.servedBy(), answer.usesTurn(), null);
        }
        if (answer.servedBy() != null && heldRep != null && rotation.canServe(heldRep, visit.id())) {
            // the rep the rules named was taken meanwhile: the held rep receives as helper, without a turn (R-ATT-3, R-REC-9)
            return new Placement(heldRep, false, null);
        }
        String preferred = answer.servedBy() != null ? answer.servedBy() : answer.preferredRep();
        return new Placement(null, false, new Rotation.Waiting(visit.id(), label, visit.at(), preferred,
                answer.servedBy() == null && answer.usesTurn()));
    }

    private Mono<Visit> takeCall(Caller caller, Visit call) {
        AttributionRequest request = new AttributionRequest(call.id(), Channel.CALL, call.phone(), call.customerName(), call.at(),
                call.registeredBy(), Statement.none(), null, null, false);
        return customers.attribute(call.siteId(), request).map(answer -> (AttributionAnswer) answer)
                .onErrorResume(CustomerDirectory.Unavailable.class, e -> Mono.empty())
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(answer -> {
                    boolean pending = answer.isEmpty();
                    Visit after = call.served(call.registeredBy(), false, pending, answer.orElse(null), call.at());
                    CallRegistered event = new CallRegistered(call.id(), call.siteId(), call.requestId(), call.at(), call.phoneMasked(),
                            pending ? call.phone() : null, call.customerName(), answer.map(AttributionAnswer::customerId).orElse(null),
                            call.registeredBy(), pending, call.note());
                    return visits.update(caller, after, 1, List.of(PendingEvent.of(call.siteId(), call.id(), event)))
                            .thenReturn(after);
                });
    }

    private static String label(Visit visit, AttributionAnswer answer) {
        return (answer != null && answer.archiveNo() != null ? answer.archiveNo() + " " : "") + visit.phoneMasked();
    }

    private Mono<Site> site(Caller caller, String site) {
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> ManagingSites.unknown(site)));
    }

    /** A rep named at the desk must be staff of this site who receives customers. */
    static StaffMember staff(Site site, String userId) {
        return site.profile().member(userId).filter(StaffMember::active).orElseThrow(() -> ProblemException.invalid("rep-unknown",
                "置业顾问 " + userId + " 不在案场 " + site.code() + " 的员工名单中 (" + userId + " is not on the staff of site "
                        + site.code() + ")"));
    }
}
