package io.anchang.reception.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.Incidents;
import io.anchang.platform.store.Stored;
import io.anchang.reception.domain.Incident;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** Incidents in MongoDB, changed by a conditional write on the version. */
public class MongoIncidents implements Incidents {

    static final String COLLECTION = "incidents";

    private final ScopedMongo mongo;

    public MongoIncidents(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record IncidentDocument(@Id String id, String siteId, Instant occurredAt, List<Incident.Party> parties, String what,
                            String actionTaken, boolean takenAwayFromFloor, String outcome, Incident.Status status,
                            String recordedBy, Instant recordedAt, String closedBy, Instant closedAt, Long version) {

        static IncidentDocument of(Incident i) {
            return new IncidentDocument(i.id(), i.siteId(), i.occurredAt(), i.parties(), i.what(), i.actionTaken(),
                    i.takenAwayFromFloor(), i.outcome(), i.status(), i.recordedBy(), i.recordedAt(), i.closedBy(), i.closedAt(), null);
        }

        Incident incident() {
            return new Incident(id, siteId, occurredAt, parties == null ? List.of() : parties, what, actionTaken, takenAwayFromFloor,
                    outcome, status, recordedBy, recordedAt, closedBy, closedAt);
        }
    }

    @Override
    public Mono<Stored<Incident>> find(SiteScope scope, String site, String incidentId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(incidentId).and(ScopedMongo.SITE).is(site)),
                IncidentDocument.class, COLLECTION).map(d -> new Stored<>(d.incident(), d.version() == null ? 1 : d.version()));
    }

    @Override
    public Flux<Incident> of(SiteScope scope, String site, boolean openOnly, int limit) {
        Criteria criteria = Criteria.where(ScopedMongo.SITE).is(site);
        if (openOnly) {
            criteria = criteria.and("status").is(Incident.Status.OPEN);
        }
        return mongo.find(scope, Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "occurredAt")).limit(limit),
                IncidentDocument.class, COLLECTION).map(IncidentDocument::incident);
    }

    @Override
    public Mono<Boolean> save(Caller caller, Incident incident, long expectedVersion, List<PendingEvent> events) {
        IncidentDocument document = IncidentDocument.of(incident);
        if (expectedVersion == 0) {
            return mongo.insert(caller, document, COLLECTION, events).thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
        }
        return mongo.replace(caller, document, expectedVersion, COLLECTION, events);
    }
}
