package io.anchang.reception.application;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.RepStatus;
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
import java.util.Optional;

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
            // a rep asked for on entering owns a first-time customer (R-REC-6), one assigned serves them (R-REC-8): only a
            // rep who receives customers, as for a call's receiver (R-REC-3)
            for (String rep : java.util.stream.Stream.of(said.askedFor(), said.assignedTo()).filter(java.util.Objects::nonNull).toList()) {
                receiver(known, rep);
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

    /**
     * R-REC-3: a call is registered by the rep who took it, or by the desk (ASSISTANT, SUPERVISOR) for that rep; only a
     * rep who may receive customers — SALES or SUPERVISOR on the site's staff roster — can be its receiver, who then owns
     * the customer (R-ATT-1).
     */
    public Mono<Registered> call(Caller caller, String site, Call call) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        Phone phone = Phone.parse(call.phone());
        return site(caller, site).flatMap(known -> {
            String taker = call.receivedBy() == null || call.receivedBy().isBlank() ? caller.userId() : call.receivedBy();
            if (!taker.equals(caller.userId()) && !caller.hasAny(Role.ASSISTANT, Role.SUPERVISOR)) {
                throw ProblemException.forbidden("call-of-another-rep", "来电由接听的置业顾问本人登记，或由前台（销售助理、销售主任）代为登记；"
                        + "您不能为 " + taker + " 登记来电（R-REC-3） (A call is registered by the rep who took it, or by the desk for them)");
            }
            receiver(known, taker);
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
                    if (stored.value().receiving()) {
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
                            visit.at(), caller.userId(), visit.statement(), desk, null, false, caller.userId());
                    return customers.attribute(code, request)
                            .map(answer -> place(caller, visit, false, settings, heldRep, answer, desk, answer.ruleId() + " " + answer.rule()))
                            .onErrorResume(CustomerDirectory.Unavailable.class, unavailable -> {
                                log.warn("customer-service did not answer for visit {} of {} ({}): registered with the rotation's rep, attribution pending",
                                        visit.id(), code, unavailable.getMessage());
                                return Mono.just(place(caller, visit, false, settings, heldRep, null, desk, "attribution pending"));
                            })
                            .flatMap(placing -> visits.find(caller.scope(), code, visit.id())
                                    .filter(stored -> !ours(stored.value(), false))
                                    // this process stalled past the grace and the entry was recovered meanwhile
                                    // (RecoveringWalkIns): the recovery completes it, the rep held here is let go
                                    .flatMap(recovered -> release(caller, visit).thenReturn(recovered.value()))
                                    .switchIfEmpty(placing))
                            .onErrorResume(ProblemException.class, refused -> desks.change(caller, code, visit.day(),
                                            rotation -> new DeskChanges.Change<>(rotation.release(visit.id()), rotation.placed(visit.id()),
                                                    List.<PendingEvent>of()))
                                    // a customer the desk placed meanwhile (a recovery) stays placed, and the entry is
                                    // rejected only as this process began it, never over a recovery's claim
                                    .flatMap(released -> released.result() ? Mono.<Visit>empty()
                                            : visits.change(caller, code, visit.id(), entry -> ours(entry, false)
                                            ? Optional.of(new Visits.Written(entry.rejected().forgetPhone(), List.of())) : Optional.empty()))
                                    .then(Mono.error(refused)))
                            // whatever else went wrong, the held rep is let go: a rep is never held for nobody
                            .onErrorResume(error -> !(error instanceof ProblemException), error -> release(caller, visit)
                                    .then(Mono.error(error)));
                });
    }

    /**
     * Whether the entry is still to be completed by this registration: RECEIVING, and taken over by a recovery exactly
     * when this is the recovery — the process that began it leaves an entry a recovery has claimed to the recovery.
     */
    private static boolean ours(Visit entry, boolean recovery) {
        return entry.receiving() && entry.isTakenOver() == recovery;
    }

    /** Lets go of the rep held for the visit, if any. */
    private Mono<Void> release(Caller caller, Visit visit) {
        return desks.change(caller, visit.siteId(), visit.day(),
                rotation -> new DeskChanges.Change<>(rotation.release(visit.id()), null, List.<PendingEvent>of())).then();
    }

    /**
     * Completes a registration that its process left half-done (see {@link RecoveringWalkIns}) the way the degraded
     * path does, without asking customer-service (the desk user's token is gone, and the customer has waited long
     * enough): the rep held for the visit — or, if none was held yet, the rep the rotation gives now — serves on their
     * turn, attribution pending, reconciled from the events; in event mode, or with nobody free, the held rep is let go
     * and the customer waits (R-REC-8, R-REC-9). If the desk had placed the customer already, that placement stands
     * and only the register is completed. A walk-in of a day before the site's today is neither served nor queued: it is
     * closed as 登记未完成 ({@link #closeUnfinished}). A call is registered with the rep who took it, attribution pending.
     */
    Mono<Visit> complete(Caller system, Site site, Stored<Visit> stored) {
        Visit visit = stored.value();
        String reason = "恢复中断的登记，客户资料待核对 (registration recovered, attribution pending)";
        // the entry first, still RECEIVING at the version read: of the replicas recovering it and the process that began
        // it, one takes it over and the others change nothing — not even the desk, for an entry finished meanwhile
        // (served and seen off, or rejected) that the desk no longer knows and would otherwise give a rep and a turn again
        return visits.update(system, visit.takenOver(), stored.version(), List.of()).filter(Boolean::booleanValue).flatMap(claim -> {
            if (visit.channel() == Channel.CALL) {
                return registerCall(system, visit, true, null, reason);
            }
            if (visit.day().isBefore(site.today(clock.instant()))) {
                return closeUnfinished(system, visit);
            }
            PolicySettings settings = site.profile().policyOn(visit.day());
            return desks.change(system, site.code(), visit.day(), rotation -> DeskChanges.Change.of(rotation.hold(visit.id())))
                    .flatMap(held -> {
                        String heldRep = held.result() == null ? null : held.result().userId();
                        return place(system, visit, true, settings, heldRep, null, held.rotation().desk(heldRep, visit.id()), reason);
                    });
        });
    }

    /**
     * A walk-in of a day that is over is not served or queued any more: its desk lets go of the visit — a rep held for
     * it or left serving it is free, it waits nowhere (no turn moves) — and the entry is closed as 登记未完成,
     * attribution pending, for the manager to settle.
     */
    private Mono<Visit> closeUnfinished(Caller system, Visit visit) {
        return desks.change(system, visit.siteId(), visit.day(),
                        rotation -> new DeskChanges.Change<>(rotation.forget(visit.id()), null, List.<PendingEvent>of()))
                .then(visits.change(system, visit.siteId(), visit.id(), entry -> ours(entry, true)
                        ? Optional.of(new Visits.Written(entry.unfinished().forgetPhone(), List.of())) : Optional.empty()));
    }

    /** Where the customer went, and the waiting customers that went to reps in the same change. */
    private record Placed(Placement placement, List<Rotation.Pickup> pickups) {
    }

    /**
     * Gives the customer to a rep or the queue, then writes the register entry with its event ({@link #register}). A
     * visit the desk has placed already — by another attempt at it — keeps its place: never a second rep or turn.
     */
    private Mono<Visit> place(Caller caller, Visit visit, boolean recovery, PolicySettings settings, String heldRep,
                              AttributionAnswer answer, Desk desk, String reason) {
        return desks.change(caller, visit.siteId(), visit.day(), rotation -> {
                    Placement placement = placement(rotation, visit, heldRep, answer);
                    Rotation next = rotation.placed(visit.id()) ? rotation.release(visit.id())
                            : placement.server() != null
                            ? rotation.serve(visit.id(), placement.server(), placement.turn(), label(visit, answer), visit.at(), settings)
                            : rotation.enqueue(placement.waiting());
                    Rotation.Outcome<List<Rotation.Pickup>> drained = next.drain(clock.instant(), settings);
                    return new DeskChanges.Change<>(drained.rotation(), new Placed(placement, drained.result()), List.<PendingEvent>of());
                })
                .flatMap(change -> register(caller, visit, recovery, change.result().placement(), answer, desk, reason)
                        .then(working.applyPickups(caller, visit.siteId(), change.result().pickups()))
                        .then(visits.find(caller.scope(), visit.siteId(), visit.id()).map(Stored::value)));
    }

    /**
     * Writes the register entry as the desk placed the customer, with its {@code reception.visit-registered} — exactly
     * once, whatever else writes the entry meanwhile: the write is conditional on the entry as read, and read again
     * when another write came first. Another request's change of the desk may hand the queued customer to a rep before
     * this write ({@link Visit#handedOver()}): the entry then says that rep serves, and the {@code reception.visit-served}
     * follows the registration in the same write, so consumers learn of the visit before they learn who took it from
     * the queue. An entry no longer ours ({@link #ours}) is left to whoever completed or took it over.
     */
    private Mono<Visit> register(Caller caller, Visit visit, boolean recovery, Placement placement, AttributionAnswer answer,
                                 Desk desk, String reason) {
        boolean pending = answer == null;
        return visits.change(caller, visit.siteId(), visit.id(), entry -> {
            if (!ours(entry, recovery)) {
                return Optional.empty();
            }
            boolean handedOver = entry.handedOver();
            String server = handedOver ? null : placement.server();
            boolean turn = !handedOver && placement.turn();
            Visit placed = server != null ? entry.served(server, turn, pending, answer, visit.at()) : entry.waiting(pending, answer);
            Visit handed = handedOver ? placed.pickedUp(entry.servedBy(), entry.usedTurn(), entry.servedAt()) : placed;
            // R-SEC-3: answered, the register keeps the phone masked only; pending, it keeps the phone and the desk of
            // this moment to ask customer-service again (Reconciling) — a queued customer as if nobody had been free
            Visit after = pending ? handed.awaitingAnswer(server == null ? nobodyFree(desk) : desk) : handed.forgetPhone();
            VisitRegistered event = new VisitRegistered(visit.id(), visit.siteId(), visit.requestId(), visit.at(),
                    visit.phoneMasked(), visit.customerName(),
                    answer == null ? null : answer.customerId(), server, turn, server == null, pending,
                    answer == null ? null : answer.ruleId(), pending ? visit.statement().masked() : null, pending ? desk : null,
                    visit.registeredBy());
            PendingEvent registered = PendingEvent.of(visit.siteId(), visit.id(), event).because(reason);
            return Optional.of(new Visits.Written(after, handedOver ? List.of(registered, WorkingTheDesk.servedFromQueue(after))
                    : List.of(registered)));
        });
    }

    private static Placement placement(Rotation rotation, Visit visit, String heldRep, AttributionAnswer answer) {
        String label = label(visit, answer);
        Optional<Rotation.Rep> serving = rotation.servingOf(visit.id());
        if (serving.isPresent()) {
            return new Placement(serving.get().userId(), serving.get().serving().usedTurn(), null);
        }
        Optional<Rotation.Waiting> waiting = rotation.waiting(visit.id());
        if (waiting.isPresent()) {
            return new Placement(null, false, waiting.get());
        }
        if (answer == null) {
            // degraded: the rotation's rep serves on their turn; reconciled when customer-service is back. In event
            // mode the MANAGER assigns (R-REC-8): the customer waits
            if (heldRep != null && !rotation.eventMode() && rotation.canServe(heldRep, visit.id())) {
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
                call.registeredBy(), Statement.none(), null, null, false, caller.userId());
        return customers.attribute(call.siteId(), request).map(answer -> (AttributionAnswer) answer)
                .onErrorResume(CustomerDirectory.Unavailable.class, e -> Mono.empty())
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(answer -> registerCall(caller, call, false, answer.orElse(null), null));
    }

    /**
     * The call register's entry, by the rep who took it; pending without an answer (R-REC-3, R-ATT-1). Written once, by
     * the registration whose it is ({@link #ours}), whatever else wrote the entry meanwhile.
     */
    private Mono<Visit> registerCall(Caller caller, Visit call, boolean recovery, AttributionAnswer answer, String reason) {
        boolean pending = answer == null;
        CallRegistered event = new CallRegistered(call.id(), call.siteId(), call.requestId(), call.at(), call.phoneMasked(),
                call.customerName(), answer == null ? null : answer.customerId(), call.registeredBy(), pending, call.note());
        return visits.change(caller, call.siteId(), call.id(), entry -> {
            if (!ours(entry, recovery)) {
                return Optional.empty();
            }
            Visit served = entry.served(call.registeredBy(), false, pending, answer, call.at());
            return Optional.of(new Visits.Written(pending ? served : served.forgetPhone(),
                    List.of(PendingEvent.of(call.siteId(), call.id(), event).because(reason))));
        });
    }

    private static String label(Visit visit, AttributionAnswer answer) {
        return (answer != null && answer.archiveNo() != null ? answer.archiveNo() + " " : "") + visit.phoneMasked();
    }

    private Mono<Site> site(Caller caller, String site) {
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> ManagingSites.unknown(site)));
    }

    /**
     * R-REC-3: the receiver of a call — or the rep a walk-in asks for or is assigned to — is a rep who may receive
     * customers: active on the site's roster as SALES or SUPERVISOR. A MANAGER assigns rather than receives; FINANCE,
     * the ASSISTANT and the others never receive.
     */
    static StaffMember receiver(Site site, String userId) {
        StaffMember member = staff(site, userId);
        if (member.role() != Role.SALES && member.role() != Role.SUPERVISOR) {
            throw ProblemException.invalid("not-a-receiving-rep", member.name() + "（" + member.role().chinese() + "）不接待客户，不能作为来电的接听人或接待人；"
                    + "请填写置业顾问或销售主任（R-REC-3） (" + userId + " is " + member.role() + " and receives no customers)");
        }
        return member;
    }

    /** The desk at a moment when nobody is free: a customer who was queued at a visit registered without an answer. */
    private static Desk nobodyFree(Desk desk) {
        return new Desk(null, desk == null ? false : desk.eventMode(), desk == null ? List.of()
                : desk.reps().stream().map(r -> new Desk.DeskRep(r.userId(), r.name(), RepStatus.BUSY)).toList());
    }

    /** A rep named at the desk must be staff of this site who receives customers. */
    static StaffMember staff(Site site, String userId) {
        return site.profile().member(userId).filter(StaffMember::active).orElseThrow(() -> ProblemException.invalid("rep-unknown",
                "置业顾问 " + userId + " 不在案场 " + site.code() + " 的员工名单中 (" + userId + " is not on the staff of site "
                        + site.code() + ")"));
    }
}
