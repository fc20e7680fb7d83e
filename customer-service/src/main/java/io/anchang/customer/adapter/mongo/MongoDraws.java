package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.Draws;
import io.anchang.customer.domain.Draw;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

import java.util.List;

/** Draws in MongoDB, inserted once with their event. */
public class MongoDraws implements Draws {

    private final ScopedMongo mongo;

    public MongoDraws(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> add(Caller caller, Draw draw, List<PendingEvent> events) {
        return mongo.insert(caller, DrawDocument.of(draw), DrawDocument.COLLECTION, events);
    }

    @Override
    public Mono<Draw> byId(SiteScope scope, String site, String drawId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(drawId).and(ScopedMongo.SITE).is(site)),
                DrawDocument.class, DrawDocument.COLLECTION).map(DrawDocument::draw);
    }
}
