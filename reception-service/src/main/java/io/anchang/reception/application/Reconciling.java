package io.anchang.reception.application;

import io.anchang.platform.store.Contended;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.platform.events.reception.RepStatusChanged;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.reception.domain.Rotation;
import io.anchang.reception.domain.Visit;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The register follows customer-service's attribution (flow 1): a pending visit gets its
 * answer; a turn used wrongly — a visit the rotation's rep took while customer-service was
 * away that the rules say uses no turn, or R-ATT-10's found earlier rep — is given back,
 * once per visit. The serving rep stays (R-ATT-3).
 */
public class Reconciling {

    private final Visits visits;
    private final DeskChanges desks;

    public Reconciling(Visits visits, DeskChanges desks) {
        this.visits = visits;
        this.desks = desks;
    }


    public Mono<Void> attributed(VisitAttributed event) {
        Caller system = Caller.system("reception-service");
        return Contended.change(() -> visits.find(system.scope(), event.siteId(), event.visitId()), stored -> {
                    Visit visit = stored.value();
                    AttributionAnswer old = visit.answer();
                    AttributionAnswer answer = new AttributionAnswer(event.visitId(), event.customerId(), event.archiveNo(),
                            event.phoneMasked(), old != null && old.newCustomer(), event.servedBy(), event.role(),
                            old == null ? null : old.preferredRep(), event.usesTurn(), event.ownerRep(), event.previousOwner(),
                            event.ruleId(), event.rule(), event.shares(), old == null ? List.of() : old.claims(),
                            old == null ? null : old.complaintId(), event.turnGivenBackTo(), old == null ? null : old.notServedBy(),
                            event.namedTurnOf());
                    String givenBack = event.turnGivenBackTo() != null && visit.turnGivenBackTo() == null ? event.turnGivenBackTo() : null;
                    Visit after = visit.attributed(answer, givenBack);
                    Mono<Void> turn = givenBack == null ? Mono.empty() : desks.change(system, event.siteId(), visit.day(), rotation -> {
                        Rotation back = rotation.turnGivenBack(givenBack, visit.id());
                        List<PendingEvent> events = back == rotation ? List.of() : List.of(PendingEvent.of(event.siteId(),
                                Rotations.key(event.siteId(), visit.day()), new RepStatusChanged(event.siteId(), visit.day(), givenBack,
                                        back.rep(givenBack).map(Rotation.Rep::status).orElse(RepStatus.AVAILABLE),
                                        back.rep(givenBack).map(Rotation.Rep::owed).orElse(0), "TURN_GIVEN_BACK", event.at()))
                                .because(event.ruleId() + " " + event.rule()));
                        return new DeskChanges.Change<>(back, null, events);
                    }).then();
                    // the desk first: giving back is idempotent per visit on the desk itself, so a redelivery never doubles it
                    return turn.then(Contended.written(visits.update(system, after, stored.version(), List.of()), true));
                }).then();
    }
}
