package io.anchang.reception.application;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.store.Stored;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.reception.domain.Rotation;
import io.anchang.reception.domain.Site;
import io.anchang.reception.domain.Visit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The second half of a registration, shared by the desk and the recovery of half-done ones: the customer goes to a rep
 * or the queue on the desk ({@link Rotation#place}), then the register entry is written with its events — exactly once,
 * by the registration whose it is — and the waiting customers the same change gave to reps follow.
 */
final class Placements {

    private final Visits visits;
    private final DeskChanges desks;
    private final Clock clock;

    Placements(Visits visits, DeskChanges desks, Clock clock) {
        this.visits = visits;
        this.desks = desks;
        this.clock = clock;
    }

    /**
     * Whether the entry is still to be completed by this registration: RECEIVING, and taken over by a recovery exactly
     * when this is the recovery — the process that began it leaves an entry a recovery has claimed to the recovery.
     */
    static boolean ours(Visit entry, boolean recovery) {
        return entry.receiving() && entry.isTakenOver() == recovery;
    }

    /** Gives the customer to a rep or the queue as {@code answer} proposes (null: degraded), then writes the register entry. */
    Mono<Visit> place(Caller caller, Visit visit, boolean recovery, PolicySettings settings, String heldRep, AttributionAnswer answer,
                      Desk desk, String reason) {
        Rotation.Proposal proposal = answer == null ? null : new Rotation.Proposal(answer.servedBy(), answer.usesTurn(),
                answer.preferredRep(), answer.notServedBy(), answer.namedTurnOf());
        String label = (answer != null && answer.archiveNo() != null ? answer.archiveNo() + " " : "") + visit.phoneMasked();
        return desks.change(caller, visit.siteId(), visit.day(), rotation -> DeskChanges.Change.of(
                        rotation.place(visit.id(), heldRep, proposal, label, visit.at(), clock.instant(), settings)))
                .flatMap(change -> {
                    List<Rotation.Pickup> pickups = change.result().pickups();
                    // the entry as the registration wrote it (or found it, written by another) is the answer: read again
                    // only if this same change handed it to a rep from the queue (issue 17: one read of the visit less)
                    boolean pickedUpHere = pickups.stream().anyMatch(p -> visit.id().equals(p.waiting().visitId()));
                    return register(caller, visit, recovery, change.result().placement(), answer, desk, reason)
                            .flatMap(entry -> pickups(caller, visit.siteId(), pickups).then(pickedUpHere
                                    ? visits.find(caller.scope(), visit.siteId(), visit.id()).map(Stored::value)
                                    : Mono.just(entry)));
                });
    }

    /**
     * Writes the register entry as the desk placed the customer, with its {@code reception.visit-registered} — exactly
     * once, whatever else writes the entry meanwhile. Another request's change of the desk may hand the queued customer to
     * a rep before this write ({@link Visit#handedOver()}): the entry then says that rep serves, and the
     * {@code reception.visit-served} follows the registration in the same write, so consumers learn of the visit before
     * they learn who took it from the queue. An entry no longer ours ({@link #ours}) is left to whoever completed it.
     */
    private Mono<Visit> register(Caller caller, Visit visit, boolean recovery, Rotation.Placement placement, AttributionAnswer answer,
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
            PendingEvent registered = RegisterEvents.registered(visit, server, turn, answer, desk, reason);
            return Optional.of(new Visits.Written(after, handedOver
                    ? List.of(registered, RegisterEvents.servedFromQueue(after, false)) : List.of(registered)));
        });
    }

    /**
     * Waiting customers given to reps: their register entries say who serves, and customer-service learns it. An entry
     * the registration has not written yet keeps the hand-over for the registration to write after its own event
     * ({@link Visit#handedOver()}); an entry that already says who serves — completed by a recovery from the desk — is
     * left as it is.
     */
    Mono<Void> pickups(Caller caller, String site, List<Rotation.Pickup> pickups) {
        return Flux.fromIterable(pickups).concatMap(pickup -> visits.change(caller, site, pickup.waiting().visitId(), entry -> {
            if (!entry.awaitsRep()) {
                return Optional.empty();
            }
            Visit after = entry.pickedUp(pickup.rep(), pickup.repsTurn(), pickup.at());
            return Optional.of(new Visits.Written(after, after.receiving() ? List.of()
                    : List.of(RegisterEvents.servedFromQueue(after, pickup.assigned()))));
        })).then();
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
     * attribution pending, for the manager to settle; the trail keeps it (R-SEC-4).
     */
    Mono<Visit> closeUnfinished(Caller system, Visit visit) {
        return desks.change(system, visit.siteId(), visit.day(),
                        rotation -> new DeskChanges.Change<>(rotation.forget(visit.id()), null, List.<PendingEvent>of()))
                .then(visits.change(system, visit.siteId(), visit.id(), entry -> {
                    if (!ours(entry, true)) {
                        return Optional.empty();
                    }
                    Visit after = entry.unfinished().forgetPhone();
                    return Optional.of(new Visits.Written(after, List.of(RegisterEvents.unfinished(after, clock.instant()))));
                }));
    }

    /**
     * A registration refused by customer-service: the held rep is let go and the entry is rejected — only as this process
     * began it, never over a recovery's claim, and not when the desk placed the customer meanwhile (a recovery); the trail
     * keeps the refusal (R-SEC-4).
     */
    Mono<Visit> reject(Caller caller, Visit visit, ProblemException refused) {
        return desks.change(caller, visit.siteId(), visit.day(), rotation -> new DeskChanges.Change<>(rotation.release(visit.id()),
                        rotation.placed(visit.id()), List.<PendingEvent>of()))
                .flatMap(released -> released.result() ? Mono.<Visit>empty()
                        : visits.change(caller, visit.siteId(), visit.id(), entry -> {
                            if (!ours(entry, false)) {
                                return Optional.empty();
                            }
                            Visit after = entry.rejected().forgetPhone();
                            return Optional.of(new Visits.Written(after, List.of(RegisterEvents.rejected(after, refused, clock.instant()))));
                        }));
    }

    private static Desk nobodyFree(Desk desk) {
        return new Desk(null, desk == null ? false : desk.eventMode(), desk == null ? List.of()
                : desk.reps().stream().map(r -> new Desk.DeskRep(r.userId(), r.name(), RepStatus.BUSY)).toList());
    }

    /** Lets go of the rep held for the visit, if any. */
    Mono<Void> release(Caller caller, Visit visit) {
        return desks.change(caller, visit.siteId(), visit.day(),
                rotation -> new DeskChanges.Change<>(rotation.release(visit.id()), null, List.<PendingEvent>of())).then();
    }

    /**
     * The call register's entry, by the rep who took it; pending without an answer (R-REC-3, R-ATT-1). Written once, by
     * the registration whose it is ({@link #ours}), whatever else wrote the entry meanwhile.
     */
    Mono<Visit> registerCall(Caller caller, Visit call, boolean recovery, AttributionAnswer answer, String reason) {
        boolean pending = answer == null;
        return visits.change(caller, call.siteId(), call.id(), entry -> {
            if (!ours(entry, recovery)) {
                return Optional.empty();
            }
            Visit served = entry.served(call.registeredBy(), false, pending, answer, call.at());
            return Optional.of(new Visits.Written(pending ? served : served.forgetPhone(),
                    List.of(RegisterEvents.callRegistered(call, answer, reason))));
        });
    }
}
