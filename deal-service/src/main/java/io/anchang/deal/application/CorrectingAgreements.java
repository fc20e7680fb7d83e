package io.anchang.deal.application;

import io.anchang.deal.domain.Buyer;
import io.anchang.deal.domain.Dealing;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.deal.AgreementCopiesKept;
import io.anchang.platform.events.deal.AgreementVoided;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * R-DEAL-5: an issued agreement is never edited. A MANAGER voids it with a reason, records who keeps its
 * signed paper copies, and a new agreement is issued in its place — numbered next from the gap-free
 * register — with the buyer's details corrected or as they were; both stay on record.
 */
public class CorrectingAgreements {

    private final UnitWrites writes;
    private final IssuingAgreements issuing;
    private final Units units;
    private final Clock clock;

    public CorrectingAgreements(UnitWrites writes, IssuingAgreements issuing, Units units, Clock clock) {
        this.writes = writes;
        this.issuing = issuing;
        this.units = units;
        this.clock = clock;
    }

    /** What the MANAGER gives: why, who keeps the voided paper copies, and the corrected buyer (null: unchanged). */
    public record Correction(String reason, String paperKeeper, Buyer buyer) {
    }

    /** R-DEAL-5: void and issue again; answers the unit with its new agreement once numbered. */
    public Mono<HoldingUnits.Answer> correct(Caller caller, String site, String unitId, Correction correction, String requestId) {
        caller.requireOn(site, Role.MANAGER);
        Instant now = clock.instant();
        return writes.change(caller, site, unitId, "agreement-void", requestId,
                        Unit.fingerprint(caller.userId(), correction.reason(), correction.paperKeeper(), correction.buyer()),
                        unit -> unit.voidAgreement("CORRECTION", correction.reason(), correction.paperKeeper(), correction.buyer(),
                                caller.userId(), now, unit.sale() == null ? null
                                        : unit.sale().dealId() + ":" + Deals.idFor(site, unitId, "agreement-void", requestId)),
                        (before, after) -> List.of(voided(before, after, caller, now)))
                .flatMap(answer -> issuing.numberAgreement(site, unitId)
                        .then(units.find(caller.scope(), site, unitId))
                        .map(unit -> new HoldingUnits.Answer(unit, answer.repeated())));
    }

    /** The event of the void that {@code after} shows last. */
    static PendingEvent voided(Unit before, Unit after, Caller caller, Instant at) {
        List<Dealing.VoidedAgreement> voided = after.sale().dealing().voided();
        Dealing.VoidedAgreement v = voided.get(voided.size() - 1);
        return PendingEvent.of(after.siteId(), after.id(), new AgreementVoided(after.sale().dealId(), after.siteId(), after.id(),
                after.label(), v.agreement().number(), v.cause(), v.reason(), v.paperKeeper(), caller.userId(), at))
                .before(before.sale().agreement().number()).because(v.reason());
    }

    /** R-DEAL-5 (九3): who keeps the signed paper copies of the unit's current agreement (ASSISTANT, SUPERVISOR, MANAGER). */
    public Mono<Unit> keepCopies(Caller caller, String site, String unitId, String keeper) {
        caller.requireOn(site, Role.ASSISTANT, Role.SUPERVISOR);
        Instant now = clock.instant();
        return writes.change(caller, site, unitId, "agreement-keeper", null, unit -> unit.keepCopies(keeper),
                (before, after) -> List.of(PendingEvent.of(site, unitId, new AgreementCopiesKept(after.sale().dealId(), site, unitId,
                        after.sale().agreement().number(), after.sale().agreement().copiesKeeper(), caller.userId(), now))
                        .before(before.sale().agreement().copiesKeeper()))).map(HoldingUnits.Answer::unit);
    }
}
