package io.anchang.reporting.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.SiteScope;
import io.anchang.reporting.application.TargetBook;
import io.anchang.reporting.domain.Targets;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The targets in MongoDB, one document per site and month ({@code SH01|2026-11}); not part of the rebuilt read models. */
public class MongoTargetBook implements TargetBook {

    static final String COLLECTION = "report_targets";

    private final ScopedMongo mongo;

    public MongoTargetBook(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    static String id(String site, YearMonth month) {
        return site + "|" + month;
    }

    @Override
    public Mono<Targets> find(SiteScope scope, String site, YearMonth month) {
        scope.requireRead(site);
        return mongo.findOne(SiteScope.system(), Query.query(Criteria.where("_id").is(id(site, month))), Document.class, COLLECTION)
                .filter(doc -> site.equals(doc.getString(ScopedMongo.SITE)))
                .map(MongoTargetBook::read).defaultIfEmpty(Targets.none(site, month));
    }

    @Override
    public Flux<Targets> find(SiteScope scope, Collection<String> sites, YearMonth month) {
        List<String> ids = sites.stream().filter(scope::canRead).map(site -> id(site, month)).toList();
        return ids.isEmpty() ? Flux.empty()
                : mongo.find(SiteScope.system(), Query.query(Criteria.where("_id").in(ids)), Document.class, COLLECTION)
                .filter(doc -> scope.canRead(doc.getString(ScopedMongo.SITE)))
                .map(MongoTargetBook::read);
    }

    @Override
    public Mono<Targets> save(SiteScope scope, Targets targets) {
        scope.requireWrite(targets.siteId());
        String id = id(targets.siteId(), targets.month());
        Update update = Update.update(ScopedMongo.SITE, targets.siteId()).set("month", targets.month().toString())
                .set("site", goal(targets.site()))
                .set("reps", targets.reps().entrySet().stream().map(e -> goal(e.getValue()).append("userId", e.getKey())).toList())
                .set("setBy", targets.setBy()).set("setAt", Date.from(targets.setAt()));
        return find(scope, targets.siteId(), targets.month())
                // by id alone (the site was checked above), so that the upsert creates the document under its id
                .flatMap(before -> mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(id)), update, COLLECTION, true)
                        .thenReturn(before));
    }

    private static Document goal(Targets.Goal goal) {
        Document doc = new Document();
        doc.append("units", goal.units()).append("subscribedFen", goal.subscribedFen()).append("contractedFen", goal.contractedFen())
                .append("collectedFen", goal.collectedFen());
        return doc;
    }

    private static Targets.Goal goal(Document doc) {
        return doc == null ? Targets.Goal.NONE : new Targets.Goal(number(doc, "units"), number(doc, "subscribedFen"),
                number(doc, "contractedFen"), number(doc, "collectedFen"));
    }

    private static Long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : null;
    }

    static Targets read(Document doc) {
        Map<String, Targets.Goal> reps = new LinkedHashMap<>();
        for (Document rep : doc.getList("reps", Document.class, new ArrayList<>())) {
            reps.put(rep.getString("userId"), goal(rep));
        }
        Date at = doc.getDate("setAt");
        return new Targets(doc.getString(ScopedMongo.SITE), YearMonth.parse(doc.getString("month")), goal(doc.get("site", Document.class)),
                reps, doc.getString("setBy"), at == null ? null : at.toInstant());
    }
}
