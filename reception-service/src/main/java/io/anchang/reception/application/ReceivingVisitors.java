package io.anchang.reception.application;

import io.anchang.platform.store.Stored;
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
import java.time.Duration;
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
 * attribution-pending, to be reconciled from the events — when it fails or falls silent, not when it is busy: a burst
 * waits its turn in the directory's queue, and a desk whose queue is full refuses with 503 before writing anything
 * (issue 17). The same request id twice is one visit.
 */
public class ReceivingVisitors {

    private static final Logger log = LoggerFactory.getLogger(ReceivingVisitors.class);

    private final Sites sites;
    private final Visits visits;
    private final DeskChanges desks;
    private final CustomerDirectory customers;
    private final Placements placements;
    private final Clock clock;

    /**
     * How long the recovery waits before it takes over an entry still RECEIVING ({@link RecoveringWalkIns}); zero: unknown,
     * the entry is always looked at before the desk places the customer.
     */
    private final Duration recoveryGrace;

    public ReceivingVisitors(Sites sites, Visits visits, DeskChanges desks, CustomerDirectory customers, Clock clock) {
        this(sites, visits, desks, customers, clock, Duration.ZERO);
    }

    public ReceivingVisitors(Sites sites, Visits visits, DeskChanges desks, CustomerDirectory customers, Clock clock,
                             Duration recoveryGrace) {
        this.recoveryGrace = recoveryGrace;
        this.sites = sites;
        this.visits = visits;
        this.desks = desks;
        this.customers = customers;
        this.placements = new Placements(visits, desks, clock);
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
                known.staffMember(rep);
            }
            // a rep asked for on entering owns a first-time customer (R-REC-6), one assigned serves them (R-REC-8): only a
            // rep who receives customers, as for a call's receiver (R-REC-3)
            for (String rep : java.util.stream.Stream.of(said.askedFor(), said.assignedTo()).filter(java.util.Objects::nonNull).toList()) {
                known.receivingMember(rep);
            }
            if (said.assignedTo() != null) {
                caller.requireOn(site, Role.MANAGER);
            }
            Instant now = clock.instant();
            LocalDate day = known.today(now);
            String visitId = Visit.idFor(site, Channel.VISIT, walkIn.requestId());
            Visit receiving = Visit.receiving(visitId, site, walkIn.requestId(), Channel.VISIT, day, now, phone.e164(),
                    phone.masked(), walkIn.name(), said, caller.userId(), walkIn.note());
            return registered(caller, receiving, place -> receive(caller, known, receiving, place));
        });
    }

    public Mono<Registered> call(Caller caller, String site, Call call) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        Phone phone = Phone.parse(call.phone());
        return site(caller, site).flatMap(known -> {
            String taker = call.receivedBy() == null || call.receivedBy().isBlank() ? caller.userId() : call.receivedBy();
            if (!taker.equals(caller.userId()) && !caller.hasAny(Role.ASSISTANT, Role.SUPERVISOR)) {
                throw ProblemException.forbidden("call-of-another-rep", "来电由接听的置业顾问本人登记，或由前台（销售助理、销售主任）代为登记；"
                        + "您不能为 " + taker + " 登记来电（R-REC-3） (A call is registered by the rep who took it, or by the desk for them)");
            }
            known.receivingMember(taker);
            Instant now = clock.instant();
            String callId = Visit.idFor(site, Channel.CALL, call.requestId());
            Visit receiving = Visit.receiving(callId, site, call.requestId(), Channel.CALL, known.today(now), now, phone.e164(),
                    phone.masked(), call.name(), Statement.none(), taker, call.note());
            return registered(caller, receiving, place -> takeCall(caller, receiving, place));
        });
    }

    /**
     * Flow 1 with a place in the queue of questions to customer-service, reserved before anything is written (issue 17): a
     * desk too busy to ask is answered 503 with nothing done, never a walk-in in degraded mode for a burst. The place is
     * given back when the flow is over — a replay, a refusal, or the detached registration's end.
     */
    private Mono<Registered> registered(Caller caller, Visit receiving, java.util.function.Function<CustomerDirectory.Place, Mono<Visit>> flow) {
        CustomerDirectory.Place place = customers.reserve();
        java.util.concurrent.atomic.AtomicBoolean handedOver = new java.util.concurrent.atomic.AtomicBoolean();
        return begin(caller, receiving).flatMap(existing -> {
                    if (existing.replayed()) {
                        return Mono.just(existing);
                    }
                    handedOver.set(true);
                    // given back before the answer goes on (doOnSuccess precedes it), whatever the end
                    return Detached.run(Mono.defer(() -> flow.apply(place)).doOnSuccess(visit -> place.release())
                                    .doOnError(error -> place.release()).doOnCancel(place::release))
                            .map(v -> new Registered(v, false));
                })
                .doFinally(signal -> {
                    if (!handedOver.get()) {
                        place.release();
                    }
                });
    }

    /**
     * Writes the entry as RECEIVING, or finds the one this request id made before (idempotency) — refused 409 when that
     * one registered another request.
     */
    private Mono<Registered> begin(Caller caller, Visit receiving) {
        return visits.add(caller, receiving, List.of()).flatMap(added -> added ? Mono.just(new Registered(receiving, false))
                : visits.find(caller.scope(), receiving.siteId(), receiving.id()).map(stored -> {
                    if (!stored.value().registers(receiving)) {
                        // the same request id for another customer or registrar: refused, the first entry untouched (R-REC-3)
                        throw stored.value().reused();
                    }
                    if (stored.value().receiving()) {
                        throw ProblemException.conflict("visit-in-progress", "同一登记正在处理中，请稍后刷新 (This request "
                                + receiving.requestId() + " is being registered right now)");
                    }
                    return new Registered(stored.value(), true);
                }));
    }

    private Mono<Visit> receive(Caller caller, Site site, Visit visit, CustomerDirectory.Place place) {
        String code = site.code();
        PolicySettings settings = site.profile().policyOn(visit.day());
        return desks.change(caller, code, visit.day(), rotation -> DeskChanges.Change.of(rotation.hold(visit.id())))
                .flatMap(held -> {
                    String heldRep = held.result() == null ? null : held.result().userId();
                    Desk desk = held.rotation().desk(heldRep, visit.id());
                    AttributionRequest request = new AttributionRequest(visit.id(), Channel.VISIT, visit.phone(), visit.customerName(),
                            visit.at(), caller.userId(), visit.statement(), desk, null, false, caller.userId());
                    return place.attribute(code, request)
                            .map(answer -> placements.place(caller, visit, false, settings, heldRep, answer, desk,
                                    answer.ruleId() + " " + answer.rule()))
                            .onErrorResume(CustomerDirectory.Unavailable.class, unavailable -> {
                                log.warn("customer-service did not answer for visit {} of {} ({}): registered with the rotation's rep, attribution pending",
                                        visit.id(), code, unavailable.getMessage());
                                return Mono.just(placements.place(caller, visit, false, settings, heldRep, null, desk, "attribution pending"));
                            })
                            .flatMap(placing -> recoveredMeanwhile(visit) ? visits.find(caller.scope(), code, visit.id())
                                    .filter(stored -> !Placements.ours(stored.value(), false))
                                    // this process stalled past the grace and the entry was recovered meanwhile
                                    // (RecoveringWalkIns): the recovery completes it, the rep held here is let go
                                    .flatMap(recovered -> placements.release(caller, visit).thenReturn(recovered.value()))
                                    .switchIfEmpty(placing) : placing)
                            // refused: the held rep is let go, the entry rejected (and audited), the desk told why
                            .onErrorResume(ProblemException.class, refused -> placements.reject(caller, visit, refused).then(Mono.error(refused)))
                            // whatever else went wrong, the held rep is let go: a rep is never held for nobody
                            .onErrorResume(error -> !(error instanceof ProblemException), error -> placements.release(caller, visit)
                                    .then(Mono.error(error)));
                });
    }

    private Mono<Visit> takeCall(Caller caller, Visit call, CustomerDirectory.Place place) {
        AttributionRequest request = new AttributionRequest(call.id(), Channel.CALL, call.phone(), call.customerName(), call.at(),
                call.registeredBy(), Statement.none(), null, null, false, caller.userId());
        return place.attribute(call.siteId(), request).map(answer -> (AttributionAnswer) answer)
                .onErrorResume(CustomerDirectory.Unavailable.class, e -> Mono.empty())
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(answer -> placements.registerCall(caller, call, false, answer.orElse(null), null));
    }

    /**
     * Whether a recovery may have taken the entry over while this registration was under way, so that it must be read
     * before the desk places the customer. A recovery takes over only an entry begun longer than its grace ago by its own
     * clock; while this registration is younger than half the grace by this clock — a registration takes seconds, the grace
     * is 30 s — none can have, and the read is spared (issue 17: one read of the visit per walk-in less). This assumes the
     * replicas' clocks agree to within half the grace, which the recovery itself already assumes: it judges an entry
     * abandoned by comparing its clock with the time the registering replica wrote.
     */
    private boolean recoveredMeanwhile(Visit visit) {
        return recoveryGrace.isZero() || !Duration.between(visit.at(), clock.instant()).minus(recoveryGrace.dividedBy(2)).isNegative();
    }

    private Mono<Site> site(Caller caller, String site) {
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> Sites.unknown(site)));
    }

}
