package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.ArchiveIndex;
import io.anchang.customer.domain.imports.ImportRows;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.SiteScope;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The site's archive in one pass over its customers, reading only their ids, numbers, registrations and phones. */
public class MongoArchiveIndex implements ArchiveIndex {

    private final ScopedMongo mongo;

    public MongoArchiveIndex(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Snapshot> of(SiteScope scope, String site) {
        Query query = Query.query(Criteria.where(ScopedMongo.SITE).is(site));
        query.fields().include("_id", "archiveNo", "registeredAt", "phones", "mergedInto", "merge");
        return mongo.find(scope, query, Document.class, CustomerDocument.COLLECTION).collectList().map(documents -> {
            Map<String, ImportRows.Known> byPhone = new HashMap<>();
            Map<String, String> numbers = new HashMap<>();
            for (Document d : documents) {
                String id = String.valueOf(d.get("_id"));
                String archiveNo = d.getString("archiveNo");
                if (archiveNo != null) {
                    numbers.put(archiveNo, id);
                }
                if (d.get("merge") != null) {
                    continue; // a record being merged or merged away: its phones belong to the survivor
                }
                Object registered = d.get("registeredAt");
                java.time.Instant at = registered instanceof Date date ? date.toInstant() : java.time.Instant.EPOCH;
                ImportRows.Known known = new ImportRows.Known(id, archiveNo, at);
                for (Object phone : d.getList("phones", Object.class, List.of())) {
                    byPhone.put(String.valueOf(phone), known);
                }
            }
            return new Snapshot(byPhone, numbers);
        });
    }
}
