package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.ImportJobs;
import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.imports.ImportJob;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/**
 * Imports in MongoDB. While an import writes, its rows (whole phone numbers among them) stay in this service's own store;
 * once it completes they are gone. The site's import lock is a document of its own, taken by a conditional update.
 */
public class MongoImportJobs implements ImportJobs {

    public static final String COLLECTION = "import_jobs";
    static final String LOCKS = "import_locks";

    record ImportDocument(@Id String id, String siteId, String fileName, String sha256, int total, ImportJob.Status status,
                          List<ImportJob.Row> rows, int written, int imported, int unchanged, String by, Instant at, Instant completedAt,
                          Long version) {

        static ImportDocument of(ImportJob j) {
            return new ImportDocument(j.id(), j.siteId(), j.fileName(), j.sha256(), j.total(), j.status(), j.rows(), j.written(),
                    j.imported(), j.unchanged(), j.by(), j.at(), j.completedAt(), null);
        }

        ImportJob job() {
            return new ImportJob(id, siteId, fileName, sha256, total, status, rows, written, imported, unchanged, by, at, completedAt);
        }
    }

    /** A site's import lock: the import writing now, or none. */
    record Lock(@Id String id, String siteId, String importId) {
    }

    private final ScopedMongo mongo;
    private final DocumentStore<ImportDocument, ImportJob> store;

    public MongoImportJobs(ScopedMongo mongo) {
        this.mongo = mongo;
        this.store = new DocumentStore<>(mongo, ImportDocument.class, COLLECTION, ImportDocument::job, ImportDocument::of,
                d -> DocumentStore.versionOf(d.version()));
    }

    @Override
    public Mono<Stored<ImportJob>> byId(SiteScope scope, String site, String importId) {
        return store.byId(scope, site, importId);
    }

    @Override
    public Flux<ImportJob> of(SiteScope scope, String site, int limit) {
        return store.many(scope, site, new Criteria(), Sort.by(Sort.Direction.DESC, "at"), limit)
                .map(j -> new ImportJob(j.id(), j.siteId(), j.fileName(), j.sha256(), j.total(), j.status(), List.of(), j.written(),
                        j.imported(), j.unchanged(), j.by(), j.at(), j.completedAt()));
    }

    @Override
    public Flux<ImportJob> running(SiteScope scope) {
        return mongo.find(scope, Query.query(Criteria.where("status").is(ImportJob.Status.RUNNING)), ImportDocument.class, COLLECTION)
                .map(ImportDocument::job);
    }

    @Override
    public Mono<Boolean> save(Caller caller, ImportJob job, long expectedVersion, List<PendingEvent> events) {
        return store.save(caller, job, expectedVersion, events);
    }

    @Override
    public Mono<Boolean> lock(Caller caller, String site, String importId) {
        Query free = Query.query(Criteria.where("_id").is(site).and("importId").is(null));
        return mongo.findAndModify(caller, free, Update.update("importId", importId), Document.class, LOCKS, List.of())
                .map(taken -> true)
                .switchIfEmpty(Mono.defer(() -> mongo.insertPlain(caller.scope(), new Lock(site, site, importId), LOCKS).thenReturn(true)
                        .onErrorResume(DuplicateKeyException.class, held -> mongo.findOne(caller.scope(),
                                        Query.query(Criteria.where("_id").is(site)), Lock.class, LOCKS)
                                .map(lock -> importId.equals(lock.importId())).defaultIfEmpty(false))));
    }

    @Override
    public Mono<Void> unlock(Caller caller, String site, String importId) {
        return mongo.update(caller.scope(), Query.query(Criteria.where("_id").is(site).and("importId").is(importId)),
                new Update().set("importId", null), LOCKS, false).then();
    }
}
