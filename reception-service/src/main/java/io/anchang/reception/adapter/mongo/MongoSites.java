package io.anchang.reception.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.Sites;
import io.anchang.reception.domain.Site;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Sites in MongoDB; the document's version is the site's revision. */
public class MongoSites implements Sites {

    private final ScopedMongo mongo;

    public MongoSites(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Site> find(SiteScope scope, String code) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(code)), SiteDocument.class, SiteDocument.COLLECTION)
                .map(d -> new Site(d.profile()));
    }

    @Override
    public Flux<Site> all(SiteScope scope) {
        return mongo.find(scope, new Query().with(Sort.by("_id")), SiteDocument.class, SiteDocument.COLLECTION)
                .map(d -> new Site(d.profile()));
    }

    @Override
    public Mono<Void> add(Caller caller, Site site, List<PendingEvent> events) {
        return mongo.insert(caller, SiteDocument.of(site.profile()), SiteDocument.COLLECTION, events)
                .onErrorMap(DuplicateKeyException.class, e -> ProblemException.conflict("site-exists",
                        "案场编码 " + site.code() + " 已存在 (Site " + site.code() + " exists already)"));
    }

    @Override
    public Mono<Boolean> update(Caller caller, Site site, long expectedRevision, List<PendingEvent> events) {
        // the stored version follows the revision: version n is revision n
        return mongo.replace(caller, SiteDocument.of(site.profile()), expectedRevision, SiteDocument.COLLECTION, events);
    }
}
