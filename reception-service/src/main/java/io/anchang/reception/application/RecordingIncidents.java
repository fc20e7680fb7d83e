package io.anchang.reception.application;

import io.anchang.platform.events.reception.IncidentRecorded;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;
import io.anchang.reception.domain.Incident;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * R-OPS-3: the floor's SUPERVISOR or MANAGER records an incident — who, what, the action taken (first: the parties taken
 * away from the floor) — and closes it with its outcome.
 */
public class RecordingIncidents {

    private final Sites sites;
    private final Incidents incidents;
    private final Clock clock;

    public RecordingIncidents(Sites sites, Incidents incidents, Clock clock) {
        this.sites = sites;
        this.incidents = incidents;
        this.clock = clock;
    }

    public Mono<Incident> record(Caller caller, String site, Instant occurredAt, List<Incident.Party> parties, String what,
                                 String actionTaken, boolean takenAway) {
        caller.requireOn(site, Role.SUPERVISOR);
        return SiteOperations.site(sites, caller, site).flatMap(known -> {
            for (Incident.Party party : parties == null ? List.<Incident.Party>of() : parties) {
                if (party.kind() == Incident.Party.Kind.REP && party.userId() != null) {
                    known.staffMember(party.userId());
                }
            }
            Instant now = clock.instant();
            Incident incident = Incident.record(UUID.randomUUID().toString(), site, occurredAt, parties, what, actionTaken, takenAway,
                    caller.userId(), now);
            return SiteOperations.written(incidents.save(caller, incident, 0, List.of(event(incident, caller, now, null))), incident);
        });
    }

    public Mono<Incident> close(Caller caller, String site, String incidentId, String outcome, String actionTaken, Boolean takenAway) {
        caller.requireOn(site, Role.SUPERVISOR);
        return SiteOperations.change(() -> incidents.find(caller.scope(), site, incidentId)
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("incident-unknown", "没有这起事件 (No incident " + Echo.of(incidentId) + ")"))),
                stored -> {
                    Instant now = clock.instant();
                    Incident next = stored.value().closed(outcome, actionTaken, takenAway, caller.userId(), now);
                    return SiteOperations.written(incidents.save(caller, next, stored.version(), List.of(event(next, caller, now, "OPEN"))), next);
                });
    }

    public Flux<Incident> list(Caller caller, String site, boolean openOnly) {
        caller.requireOn(site, Role.SUPERVISOR);
        return incidents.of(caller.scope(), site, openOnly, 200);
    }

    private static PendingEvent event(Incident i, Caller caller, Instant now, String before) {
        return PendingEvent.of(i.siteId(), i.id(), new IncidentRecorded(i.id(), i.siteId(), i.occurredAt(), i.partyLabels(), i.what(),
                i.actionTaken(), i.takenAwayFromFloor(), i.outcome(), i.status().name(), caller.userId(), now))
                .before(before).because("R-OPS-3 突发事件");
    }
}
