package io.anchang.reception.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.Stored;
import io.anchang.reception.application.Visits;
import io.anchang.reception.domain.Visit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The visitor and call registers in MongoDB: one document per entry, id from the request id. */
public class MongoVisits implements Visits {

    private final ScopedMongo mongo;

    public MongoVisits(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Stored<Visit>> find(SiteScope scope, String site, String visitId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(visitId).and(ScopedMongo.SITE).is(site)),
                VisitDocument.class, VisitDocument.COLLECTION).map(MongoVisits::stored);
    }

    private static Stored<Visit> stored(VisitDocument document) {
        return new Stored<>(document.visit(), document.version() == null ? 1 : document.version());
    }

    @Override
    public Mono<Boolean> add(Caller caller, Visit visit, List<PendingEvent> events) {
        return mongo.insert(caller, VisitDocument.of(visit), VisitDocument.COLLECTION, events).thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
    }

    @Override
    public Mono<Boolean> update(Caller caller, Visit visit, long expectedVersion, List<PendingEvent> events) {
        return mongo.replace(caller, VisitDocument.of(visit), expectedVersion, VisitDocument.COLLECTION, events);
    }

    @Override
    public Flux<Visit> of(SiteScope scope, String site, LocalDate day, boolean pendingOnly) {
        Criteria criteria = Criteria.where(ScopedMongo.SITE).is(site).and("day").is(day.toString());
        if (pendingOnly) {
            criteria = criteria.and("attributionPending").is(true);
        }
        return mongo.find(scope, Query.query(criteria).with(Sort.by("at")), VisitDocument.class, VisitDocument.COLLECTION)
                .map(VisitDocument::visit);
    }

    @Override
    public Flux<Stored<Visit>> receivingBefore(SiteScope scope, Instant before, int limit) {
        return mongo.find(scope, Query.query(Criteria.where("state").is("RECEIVING").and("at").lt(before)).with(Sort.by("at")).limit(limit),
                VisitDocument.class, VisitDocument.COLLECTION).map(MongoVisits::stored);
    }

    @Override
    public Flux<Visit> askable(SiteScope scope, int limit) {
        return mongo.find(scope, Query.query(Criteria.where("attributionPending").is(true).and("phone").ne(null)
                                .and("state").nin("RECEIVING", "REJECTED", "UNFINISHED")).with(Sort.by("at")).limit(limit),
                        VisitDocument.class, VisitDocument.COLLECTION)
                .map(VisitDocument::visit).filter(Visit::askable);
    }

    @Override
    public Flux<Visit> pending(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("attributionPending").is(true))
                .with(Sort.by("at")), VisitDocument.class, VisitDocument.COLLECTION).map(VisitDocument::visit);
    }
}
