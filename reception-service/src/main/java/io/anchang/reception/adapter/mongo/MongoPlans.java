package io.anchang.reception.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.Plans;
import io.anchang.platform.store.Stored;
import io.anchang.reception.domain.Plan;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Plans in MongoDB, one document per author, kind and period ({@code SH01:sh01-sales1:DAILY:2026-12-06}). */
public class MongoPlans implements Plans {

    static final String COLLECTION = "plans";

    private final ScopedMongo mongo;

    public MongoPlans(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record PlanDocument(@Id String id, String siteId, String author, Plan.Kind kind, String period, List<String> items, String note,
                        Plan.State state, Instant handedInAt, boolean late, String returnedBy, Instant returnedAt, String summary,
                        Instant summarisedAt, Long version) {

        static PlanDocument of(Plan p) {
            return new PlanDocument(p.id(), p.siteId(), p.author(), p.kind(), p.period().toString(), p.items(), p.note(), p.state(),
                    p.handedInAt(), p.late(), p.returnedBy(), p.returnedAt(), p.summary(), p.summarisedAt(), null);
        }

        Plan plan() {
            return new Plan(id, siteId, author, kind, LocalDate.parse(period), items == null ? List.of() : items, note, state,
                    handedInAt, late, returnedBy, returnedAt, summary, summarisedAt);
        }
    }

    @Override
    public Mono<Stored<Plan>> find(SiteScope scope, String site, String planId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(planId).and(ScopedMongo.SITE).is(site)), PlanDocument.class,
                COLLECTION).map(d -> new Stored<>(d.plan(), d.version() == null ? 1 : d.version()));
    }

    @Override
    public Flux<Plan> ofPeriod(SiteScope scope, String site, Plan.Kind kind, LocalDate period) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("kind").is(kind).and("period")
                .is(period.toString())).with(Sort.by("author")), PlanDocument.class, COLLECTION).map(PlanDocument::plan);
    }

    @Override
    public Flux<Plan> byAuthor(SiteScope scope, String site, String author, int limit) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("author").is(author))
                .with(Sort.by(Sort.Direction.DESC, "period")).limit(limit), PlanDocument.class, COLLECTION).map(PlanDocument::plan);
    }

    @Override
    public Mono<Boolean> save(Caller caller, Plan plan, long expectedVersion, List<PendingEvent> events) {
        PlanDocument document = PlanDocument.of(plan);
        if (expectedVersion == 0) {
            return mongo.insert(caller, document, COLLECTION, events).thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
        }
        return mongo.replace(caller, document, expectedVersion, COLLECTION, events);
    }
}
