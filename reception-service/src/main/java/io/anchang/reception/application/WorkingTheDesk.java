package io.anchang.reception.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.events.reception.CustomerLeft;
import io.anchang.platform.events.reception.CustomerSeenOff;
import io.anchang.platform.events.reception.EventModeSwitched;
import io.anchang.platform.events.reception.RepStatusChanged;
import io.anchang.platform.events.reception.VisitServed;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import io.anchang.platform.validation.Echo;
import io.anchang.reception.domain.Rotation;
import io.anchang.reception.domain.Site;
import io.anchang.reception.domain.Visit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The desk through the day (R-REC-2, R-REC-8, R-REC-9): seeing customers off, reps going OUT
 * and coming back, event mode, the MANAGER assigning a waiting customer, a waiting customer
 * leaving unserved — and every time a rep becomes free, the first customer waiting goes to them.
 */
public class WorkingTheDesk {

    private final Sites sites;
    private final Visits visits;
    private final DeskChanges desks;
    private final Placements placements;
    private final Clock clock;

    public WorkingTheDesk(Sites sites, Visits visits, DeskChanges desks, Clock clock) {
        this.sites = sites;
        this.visits = visits;
        this.desks = desks;
        this.placements = new Placements(visits, desks, clock);
        this.clock = clock;
    }


    /** 送客 (R-REC-2): the rep is free again; the reception's duration is recorded; the next waiting customer goes to a free rep. */
    public Mono<Visit> seeOff(Caller caller, String site, String visitId) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        return Detached.run(site(caller, site).flatMap(known -> visits.find(caller.scope(), site, visitId)
                .switchIfEmpty(Mono.error(() -> unknownVisit(visitId)))
                .flatMap(stored -> {
                    Visit visit = stored.value();
                    if (!visit.serving()) {
                        return Mono.error(ProblemException.conflict("not-being-served", "这位客户目前不在接待中（" + visit.state()
                                + "） (Visit " + Echo.of(visitId) + " is " + visit.state() + ", not being served)"));
                    }
                    if (!caller.userId().equals(visit.servedBy()) && !caller.hasAny(Role.SUPERVISOR, Role.ASSISTANT)) {
                        return Mono.error(ProblemException.forbidden("not-serving-rep", "只有接待的置业顾问或主管可以送客 (Only the serving rep or a SUPERVISOR sees the customer off)"));
                    }
                    PolicySettings settings = known.profile().policyOn(visit.day());
                    Instant now = clock.instant();
                    return desks.change(caller, site, visit.day(), rotation -> {
                        Rotation.Outcome<Rotation.Rep> off = rotation.seeOff(visitId);
                        Rotation.Outcome<List<Rotation.Pickup>> drained = off.rotation().drain(now, settings);
                        return new DeskChanges.Change<>(drained.rotation(), drained.result(), List.of());
                    }).flatMap(change -> visits.change(caller, site, visitId, entry -> {
                                // the entry as it is now: customer-service's answer may have been written meanwhile
                                if (!entry.serving()) {
                                    return Optional.empty();
                                }
                                Visit after = entry.seenOff(now);
                                return Optional.of(new Visits.Written(after, List.of(RegisterEvents.seenOff(after))));
                            })
                            .flatMap(after -> placements.pickups(caller, site, change.result()).thenReturn(after)));
                })));
    }

    /** R-REC-2: a rep goes OUT on company business or comes back; back and free, they take the waiting customers first. */
    public Mono<Rotation> status(Caller caller, String site, String rep, RepStatus status) {
        caller.requireOn(site, Role.SALES);
        if (!caller.userId().equals(rep) && !caller.has(Role.SUPERVISOR)) {
            throw ProblemException.forbidden("not-own-status", "只能修改自己的状态，或由主管修改 (Reps change their own status; a SUPERVISOR anyone's)");
        }
        return site(caller, site).flatMap(known -> {
            StaffMember member = known.staffMember(rep);
            Instant now = clock.instant();
            LocalDate day = known.today(now);
            PolicySettings settings = known.profile().policyOn(day);
            return desks.change(caller, site, day, rotation -> {
                Rotation changed = rotation.status(rep, member.name(), status);
                Rotation.Outcome<List<Rotation.Pickup>> drained = changed.drain(now, settings);
                Rotation.Rep after = drained.rotation().rep(rep).orElseThrow();
                return new DeskChanges.Change<>(drained.rotation(), drained.result(), List.of(PendingEvent.of(site,
                        Rotations.key(site, day), new RepStatusChanged(site, day, rep, status, after.owed(),
                                status == RepStatus.OUT ? "OUT" : "BACK", now))));
            }).flatMap(change -> Detached.run(placements.pickups(caller, site, change.result())).thenReturn(change.rotation()));
        });
    }

    /** R-REC-8: the MANAGER suspends the rotation for an open day, launch or fair, and resumes it. */
    public Mono<Rotation> eventMode(Caller caller, String site, boolean on, String reason) {
        caller.requireOn(site, Role.MANAGER);
        return site(caller, site).flatMap(known -> {
            Instant now = clock.instant();
            LocalDate day = known.today(now);
            PolicySettings settings = known.profile().policyOn(day);
            return desks.change(caller, site, day, rotation -> {
                Rotation.Outcome<List<Rotation.Pickup>> drained = rotation.eventMode(on).drain(now, settings);
                return new DeskChanges.Change<>(drained.rotation(), drained.result(), List.of(PendingEvent.of(site,
                        Rotations.key(site, day), new EventModeSwitched(site, day, on, caller.userId(), reason, now)).because(reason)));
            }).flatMap(change -> placements.pickups(caller, site, change.result()).thenReturn(change.rotation()));
        });
    }

    /** R-REC-8: the MANAGER gives a waiting customer to a free rep. */
    public Mono<Visit> assign(Caller caller, String site, String visitId, String rep) {
        caller.requireOn(site, Role.MANAGER);
        return site(caller, site).flatMap(known -> {
            known.staffMember(rep);
            return visits.find(caller.scope(), site, visitId).switchIfEmpty(Mono.error(() -> unknownVisit(visitId)))
                    .flatMap(stored -> desks.change(caller, site, stored.value().day(), rotation -> {
                        Rotation.Outcome<Rotation.Pickup> assigned = rotation.assign(visitId, rep, clock.instant(),
                                known.profile().policyOn(stored.value().day()));
                        return new DeskChanges.Change<>(assigned.rotation(), List.of(assigned.result()), List.<PendingEvent>of());
                    }))
                    .flatMap(change -> placements.pickups(caller, site, change.result()))
                    .then(visits.find(caller.scope(), site, visitId).map(Stored::value));
        });
    }

    /**
     * 客户离开/未接待: a customer waiting in the queue (R-REC-9) left without being served. The queue moves on
     * without them; the visitor register keeps the entry, marked as left with the time waited (R-REC-3); reports
     * learn it from {@link CustomerLeft}. The desk first, then the register, as for every change of the desk.
     */
    public Mono<Visit> leave(Caller caller, String site, String visitId, String note) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        return Detached.run(site(caller, site).flatMap(known -> visits.find(caller.scope(), site, visitId)
                .switchIfEmpty(Mono.error(() -> unknownVisit(visitId)))
                .flatMap(stored -> {
                    Visit visit = stored.value();
                    visit.requireWaiting();
                    PolicySettings settings = known.profile().policyOn(visit.day());
                    Instant now = clock.instant();
                    return desks.change(caller, site, visit.day(), rotation -> {
                        Rotation.Outcome<Rotation.Waiting> left = rotation.leave(visitId);
                        Rotation.Outcome<List<Rotation.Pickup>> drained = left.rotation().drain(now, settings);
                        return new DeskChanges.Change<>(drained.rotation(), new Left(left.result(), drained.result()), List.<PendingEvent>of());
                    }).flatMap(change -> registerLeft(caller, site, visitId, change.result().waiting(), now, note)
                            .flatMap(after -> placements.pickups(caller, site, change.result().pickups()).thenReturn(after)));
                })));
    }

    private record Left(Rotation.Waiting waiting, List<Rotation.Pickup> pickups) {
    }

    private Mono<Visit> registerLeft(Caller caller, String site, String visitId, Rotation.Waiting waiting, Instant now, String note) {
        return visits.change(caller, site, visitId, entry -> {
            Visit after = entry.left(now, waiting.waited(now));
            return Optional.of(new Visits.Written(after, List.of(RegisterEvents.left(after, waiting, caller.userId(), note))));
        });
    }

    private Mono<Site> site(Caller caller, String site) {
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> Sites.unknown(site)));
    }

    static ProblemException unknownVisit(String visitId) {
        return ProblemException.notFound("visit-unknown", "没有这次来访登记 (No visit " + Echo.of(visitId) + " at this site)");
    }
}
