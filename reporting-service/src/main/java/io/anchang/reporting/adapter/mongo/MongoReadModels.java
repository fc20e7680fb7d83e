package io.anchang.reporting.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.SiteScope;
import io.anchang.reporting.application.ReadModels;
import io.anchang.reporting.domain.BuildingEntry;
import io.anchang.reporting.domain.DealEntry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.SheetId;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reports' reads, in the generation that serves now, through the site-scoped store. Sheets
 * are read by id — ids begin with their site, each site checked against the caller's scope
 * first and every sheet returned checked again — so the store answers from its id index
 * whoever asks; registers are read narrowed to the caller's sites.
 */
public class MongoReadModels implements ReadModels {

    private final ScopedMongo mongo;
    private final MongoConverter converter;

    public MongoReadModels(ScopedMongo mongo, MongoConverter converter) {
        this.mongo = mongo;
        this.converter = converter;
    }

    /** The generation serving the reports now (1 before any rebuild). */
    Mono<Integer> active() {
        return mongo.findOne(SiteScope.system(), Query.query(Criteria.where("_id").is("generations")), Document.class,
                        MongoProjections.GENERATIONS)
                .map(doc -> doc.get("active", Number.class).intValue()).defaultIfEmpty(1);
    }

    @Override
    public Mono<Map<SheetId, Sheet>> sheets(SiteScope scope, Collection<SheetId> ids) {
        Set<String> sites = new LinkedHashSet<>();
        ids.forEach(id -> sites.add(id.site()));
        sites.forEach(scope::requireRead);
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<String> keys = ids.stream().map(SheetId::id).distinct().toList();
        // by id alone (the sites were checked above): the id index answers, for a site's staff as for head office
        return active().flatMap(generation -> mongo.find(SiteScope.system(), Query.query(Criteria.where("_id").in(keys)),
                        Document.class, MongoProjections.sheets(generation))
                .filter(doc -> sites.contains(doc.getString(ScopedMongo.SITE)) && scope.canRead(doc.getString(ScopedMongo.SITE)))
                .map(Documents::sheet)
                .collect(HashMap<SheetId, Sheet>::new, (map, sheet) -> map.put(sheet.id(), sheet)))
                .map(map -> (Map<SheetId, Sheet>) map);
    }

    @Override
    public Flux<DealEntry> deals(SiteScope scope, String site, Step step, LocalDate from, LocalDate to, long skip, int limit) {
        scope.requireRead(site);
        String field = field(step);
        Query query = Query.query(Criteria.where(ScopedMongo.SITE).is(site).and(field + ".day").gte(from.toString()).lte(to.toString()))
                .with(Sort.by(Sort.Order.asc(field + ".day"), Sort.Order.asc(field + ".at"), Sort.Order.asc("_id")));
        if (skip > 0) {
            query.skip(skip);
        }
        if (limit > 0) {
            query.limit(limit);
        }
        return active().flatMapMany(generation -> mongo.find(scope, query, Document.class, MongoProjections.collection(generation, EntryKind.DEAL)))
                .map(doc -> Documents.entry(converter, EntryKind.DEAL, doc));
    }

    @Override
    public Mono<Long> countDeals(SiteScope scope, String site, Step step, LocalDate from, LocalDate to) {
        scope.requireRead(site);
        String field = field(step);
        Query query = Query.query(Criteria.where(ScopedMongo.SITE).is(site).and(field + ".day").gte(from.toString()).lte(to.toString()));
        return active().flatMap(generation -> mongo.count(scope, query, MongoProjections.collection(generation, EntryKind.DEAL)));
    }

    @Override
    public Flux<BuildingEntry> buildings(SiteScope scope, String site) {
        scope.requireRead(site);
        return active().flatMapMany(generation -> mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site)),
                Document.class, MongoProjections.collection(generation, EntryKind.BUILDING)))
                .map(doc -> Documents.entry(converter, EntryKind.BUILDING, doc));
    }

    private static String field(Step step) {
        return switch (step) {
            case SMALL_DEPOSIT -> "small";
            case BIG_DEPOSIT -> "big";
            case CONTRACT -> "contract";
        };
    }
}
