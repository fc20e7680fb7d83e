package io.anchang.reception.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.Violations;
import io.anchang.reception.domain.Violation;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** Violations in MongoDB, each inserted once with its event. */
public class MongoViolations implements Violations {

    static final String COLLECTION = "violations";

    private final ScopedMongo mongo;

    public MongoViolations(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record ViolationDocument(@Id String id, String siteId, String rep, Violation.Kind kind, Violation.Severity severity,
                             String penalty, String note, String unitLabel, String visitId, String recordedBy, Instant at) {

        Violation violation() {
            return new Violation(id, siteId, rep, kind, severity, penalty, note, unitLabel, visitId, recordedBy, at);
        }
    }

    @Override
    public Mono<Void> add(Caller caller, Violation v, List<PendingEvent> events) {
        return mongo.insert(caller, new ViolationDocument(v.id(), v.siteId(), v.rep(), v.kind(), v.severity(), v.penalty(), v.note(),
                v.unitLabel(), v.visitId(), v.recordedBy(), v.at()), COLLECTION, events);
    }

    @Override
    public Flux<Violation> of(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site)).with(Sort.by(Sort.Direction.DESC, "at")),
                ViolationDocument.class, COLLECTION).map(ViolationDocument::violation);
    }
}
