package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.ArchiveListing;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.SiteScope;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/** The site's customers read from their documents' list fields only (not their visits, claims or histories). */
public class MongoArchiveListing implements ArchiveListing {

    private final ScopedMongo mongo;

    public MongoArchiveListing(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Flux<Listed> of(SiteScope scope, String site) {
        return listed(scope, Criteria.where(ScopedMongo.SITE).is(site).and("merge").is(null));
    }

    @Override
    public Flux<Listed> of(SiteScope scope, String site, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Flux.empty();
        }
        return listed(scope, Criteria.where(ScopedMongo.SITE).is(site).and("merge").is(null).and("_id").in(customerIds));
    }

    private Flux<Listed> listed(SiteScope scope, Criteria criteria) {
        Query query = Query.query(criteria);
        query.fields().include("_id", "archiveNo", "name", "phones", "source", "registeredAt", "owner");
        return mongo.find(scope, query, Document.class, CustomerDocument.COLLECTION).map(d -> new Listed(String.valueOf(d.get("_id")),
                d.getString("archiveNo"), d.getString("name"), d.getList("phones", String.class, List.of()), d.getString("source"),
                d.get("registeredAt") instanceof Date date ? date.toInstant() : Instant.EPOCH, d.getString("owner")));
    }
}
