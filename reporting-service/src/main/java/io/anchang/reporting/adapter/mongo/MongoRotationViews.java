package io.anchang.reporting.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.SiteScope;
import io.anchang.reporting.application.RotationViews;
import io.anchang.reporting.domain.RotationView;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

import java.time.LocalDate;

/**
 * Rotation views in MongoDB. A view is written by a conditional update on the revision
 * and, if none matched, an upsert that only sets fields when it inserts: whatever order
 * the events come in, the newest revision stays.
 */
public class MongoRotationViews implements RotationViews {

    private final ScopedMongo mongo;

    public MongoRotationViews(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<RotationView> find(SiteScope scope, String site, LocalDate day) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(RotationViewDocument.id(site, day))),
                RotationViewDocument.class, RotationViewDocument.COLLECTION).map(RotationViewDocument::view);
    }

    @Override
    public Mono<Void> keep(RotationView view) {
        SiteScope system = SiteScope.system();
        Document fields = mongo.toDocument(RotationViewDocument.of(view));
        Object id = fields.remove("_id");
        Update newer = new Update();
        Update first = new Update();
        fields.forEach((name, value) -> {
            newer.set(name, value);
            first.setOnInsert(name, value);
        });
        Query older = Query.query(Criteria.where("_id").is(id).and("revision").lt(view.revision()));
        return mongo.update(system, older, newer, RotationViewDocument.COLLECTION, false)
                .flatMap(matched -> matched > 0 ? Mono.empty()
                        : mongo.update(system, Query.query(Criteria.where("_id").is(id)), first, RotationViewDocument.COLLECTION, true)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.just(0L)))
                .then();
    }
}
