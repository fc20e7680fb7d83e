package io.anchang.deal.adapter.mongo;

import io.anchang.deal.application.Buildings;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Buildings in MongoDB, one document each ({@code SH01-3}). */
public class MongoBuildings implements Buildings {

    static final String COLLECTION = "buildings";

    private final ScopedMongo mongo;

    public MongoBuildings(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record BuildingDocument(@Id String id, String siteId, String code, String name, String project) {
        Building building() {
            return new Building(siteId, code, name, project);
        }
    }

    @Override
    public Mono<Building> find(SiteScope scope, String site, String code) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(Building.id(site, code))), BuildingDocument.class,
                COLLECTION)
                .map(BuildingDocument::building);
    }

    @Override
    public Flux<Building> all(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site)), BuildingDocument.class, COLLECTION)
                .map(BuildingDocument::building);
    }

    @Override
    public Mono<Boolean> add(Caller caller, Building b, PendingEvent registered) {
        return mongo.insert(caller, new BuildingDocument(b.id(), b.siteId(), b.code(), b.name(), b.project()),
                        COLLECTION, List.of(registered))
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
    }
}
