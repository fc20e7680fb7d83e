package io.anchang.deal.adapter.mongo;

import io.anchang.deal.application.Buildings;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Buildings in MongoDB, one document each ({@code SH01-3}), with the building's unit list:
 * {@code numbers} claimed, {@code pending} additions (their units in full, so that the service can
 * finish them), {@code recovered} numbers.
 */
public class MongoBuildings implements Buildings {

    static final String COLLECTION = "buildings";

    private final ScopedMongo mongo;
    private final JsonMapper json;

    public MongoBuildings(ScopedMongo mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    record BuildingDocument(@Id String id, String siteId, String code, String name, String project,
                            List<String> numbers, List<AdditionDocument> pending, List<String> recovered) {
        Building building() {
            return new Building(siteId, code, name, project);
        }

        UnitList unitList(JsonMapper json) {
            return new UnitList(numbers == null ? Set.of() : Set.copyOf(numbers),
                    pending == null ? List.of() : pending.stream().map(a -> a.addition(json)).toList(),
                    recovered == null ? Set.of() : Set.copyOf(recovered));
        }
    }

    /** A pending addition as the building's document keeps it. */
    record AdditionDocument(String additionId, String siteId, String buildingCode, String source, List<UnitDocument> units,
                            String by, Instant at) {

        static AdditionDocument of(Addition a, JsonMapper json) {
            return new AdditionDocument(a.id(), a.siteId(), a.buildingCode(), a.source(),
                    a.units().stream().map(u -> UnitDocument.of(u, json)).toList(), a.by(), a.at());
        }

        Addition addition(JsonMapper json) {
            return new Addition(additionId, siteId, buildingCode, source, units.stream().map(u -> u.unit(json)).toList(), by, at);
        }
    }

    @Override
    public Mono<Building> find(SiteScope scope, String site, String code) {
        return one(scope, site, code).map(BuildingDocument::building);
    }

    @Override
    public Flux<Building> all(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site)), BuildingDocument.class, COLLECTION)
                .map(BuildingDocument::building);
    }

    @Override
    public Mono<Boolean> add(Caller caller, Building b, PendingEvent registered) {
        return mongo.insert(caller, new BuildingDocument(b.id(), b.siteId(), b.code(), b.name(), b.project(), List.of(), List.of(),
                                List.of()), COLLECTION, List.of(registered))
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
    }

    @Override
    public Mono<UnitList> unitList(SiteScope scope, String site, String code) {
        return one(scope, site, code).map(d -> d.unitList(json));
    }

    @Override
    public Mono<Boolean> claim(Caller caller, Addition addition) {
        List<String> numbers = List.copyOf(addition.numbers());
        Query unclaimed = Query.query(Criteria.where("_id").is(Building.id(addition.siteId(), addition.buildingCode()))
                .and("numbers").nin(numbers));
        Update claim = new Update().addToSet("numbers").each(numbers.toArray())
                .push("pending", mongo.toDocument(AdditionDocument.of(addition, json)));
        return mongo.findAndModify(caller, unclaimed, claim, Document.class, COLLECTION, List.of()).hasElement();
    }

    @Override
    public Mono<Void> stored(Caller caller, Addition addition) {
        return unpend(caller, addition, new Update());
    }

    @Override
    public Mono<Void> recovered(Caller caller, Addition addition) {
        return unpend(caller, addition, new Update().addToSet("recovered").each(addition.numbers().toArray()));
    }

    @Override
    public Flux<Addition> pendingClaimedBy(Instant claimedBy) {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("pending.at").lte(claimedBy)), BuildingDocument.class, COLLECTION)
                .flatMapIterable(d -> d.unitList(json).pending())
                .filter(a -> !a.at().isAfter(claimedBy));
    }

    /** Takes the addition off the building's pending list, with {@code update}, if it is on it. */
    private Mono<Void> unpend(Caller caller, Addition addition, Update update) {
        Query pending = Query.query(Criteria.where("_id").is(Building.id(addition.siteId(), addition.buildingCode()))
                .and("pending.additionId").is(addition.id()));
        update.pull("pending", new Document("additionId", addition.id()));
        return mongo.findAndModify(caller, pending, update, Document.class, COLLECTION, List.of()).then();
    }

    private Mono<BuildingDocument> one(SiteScope scope, String site, String code) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(Building.id(site, code))), BuildingDocument.class, COLLECTION);
    }
}
