package io.anchang.deal.adapter.mongo;

import io.anchang.deal.application.UnitChanges;
import io.anchang.deal.application.Units;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Units in MongoDB: every change a conditional update on the unit's version, with its events (R-DEAL-1). */
public class MongoUnits implements Units {

    private final ScopedMongo mongo;
    private final JsonMapper json;
    private final UnitChanges changes;

    public MongoUnits(ScopedMongo mongo, JsonMapper json, UnitChanges changes) {
        this.mongo = mongo;
        this.json = json;
        this.changes = changes;
    }

    @Override
    public Mono<Unit> find(SiteScope scope, String site, String unitId) {
        return one(scope, Query.query(Criteria.where("_id").is(unitId).and(ScopedMongo.SITE).is(site)));
    }

    @Override
    public Flux<Unit> ofBuilding(SiteScope scope, String site, String buildingCode) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("buildingCode").is(buildingCode)),
                UnitDocument.class, UnitDocument.COLLECTION).map(d -> d.unit(json));
    }

    @Override
    public Mono<Unit> ofDeal(SiteScope scope, String site, String dealId) {
        return mongo.find(scope, Query.query(Criteria.where("dealId").is(dealId).and(ScopedMongo.SITE).is(site)), UnitDocument.class,
                        UnitDocument.COLLECTION).map(d -> d.unit(json))
                .sort(java.util.Comparator.comparing((Unit u) -> u.sale() != null && u.sale().dealing().move() != null
                        && u.sale().dealing().move().direction() == io.anchang.deal.domain.Dealing.Direction.IN))
                .next();
    }

    @Override
    public Flux<Unit> withDeals(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("status").in("SMALL_DEPOSIT", "BIG_DEPOSIT", "CONTRACTED"))
                .with(org.springframework.data.domain.Sort.by("buildingCode", "floor", "number")), UnitDocument.class, UnitDocument.COLLECTION)
                .map(d -> d.unit(json)).filter(u -> u.sale() != null);
    }

    @Override
    public Flux<Unit> bigDeposits() {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("status").is("BIG_DEPOSIT")), UnitDocument.class, UnitDocument.COLLECTION)
                .map(d -> d.unit(json));
    }

    @Override
    public Flux<Unit> moving() {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("moving").is(true)), UnitDocument.class, UnitDocument.COLLECTION)
                .map(d -> d.unit(json)).filter(u -> u.sale() != null && u.sale().dealing().move() != null);
    }

    @Override
    public Mono<Long> add(Caller caller, List<Unit> units, Function<Unit, PendingEvent> added) {
        return Flux.fromIterable(units)
                .concatMap(unit -> mongo.insert(caller, UnitDocument.of(unit, json), UnitDocument.COLLECTION,
                                List.of(added.apply(unit)))
                        .thenReturn(1L)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.just(0L)))
                .reduce(0L, Long::sum);
    }

    @Override
    public Mono<Boolean> save(Caller caller, Unit unit, List<PendingEvent> events) {
        return mongo.replace(caller, UnitDocument.of(unit, json), unit.version(), UnitDocument.COLLECTION, events)
                .doOnNext(written -> {
                    if (written) {
                        changes.written(unit.written());
                    }
                });
    }

    @Override
    public Flux<Unit> lapsedBy(Instant now) {
        // a unit with a request waiting at the finance desk is left to the desk's verdict (Unit#lapsesBySweepAt)
        Query query = Query.query(new Criteria().orOperator(
                Criteria.where("status").is("HELD").and("holdExpiresAt").lte(now),
                Criteria.where("status").is("SMALL_DEPOSIT").and("smallDepositLapsesAt").lte(now)));
        return mongo.find(SiteScope.system(), query, UnitDocument.class, UnitDocument.COLLECTION).map(d -> d.unit(json))
                .filter(unit -> unit.lapsesBySweepAt(now));
    }

    @Override
    public Flux<Unit> agreementsToNumber() {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("agreementToNumber").is(true)), UnitDocument.class,
                UnitDocument.COLLECTION).map(d -> d.unit(json));
    }

    private Mono<Unit> one(SiteScope scope, Query query) {
        return mongo.findOne(scope, query, UnitDocument.class, UnitDocument.COLLECTION).map(d -> d.unit(json));
    }
}
