package io.anchang.platform.mongo;

import io.anchang.platform.outbox.OutboxEntries;
import io.anchang.platform.outbox.OutboxRelay;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.web.CorrelationId;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Site-scoped access to a service's documents. Every document carries {@code siteId};
 * every query here is narrowed to the scope's sites, every write checks the scope may
 * write the document's site. Aggregates carry a {@code version} (for conditional updates)
 * and an {@code outbox} (their events, written in the same atomic update).
 */
public final class ScopedMongo {

    public static final String SITE = "siteId";
    public static final String VERSION = "version";
    private static final Logger log = LoggerFactory.getLogger(ScopedMongo.class);
    private static final String ALREADY = "\u0000alreadyApplied";

    private final ReactiveMongoTemplate template;
    private final OutboxEntries outbox;
    private final OutboxRelay relay;

    public ScopedMongo(ReactiveMongoTemplate template, OutboxEntries outbox, OutboxRelay relay) {
        this.template = template;
        this.outbox = outbox;
        this.relay = relay;
    }

    public <T> Mono<T> findOne(SiteScope scope, Query query, Class<T> type, String collection) {
        return template.findOne(readable(scope, query), type, collection);
    }

    public <T> Flux<T> find(SiteScope scope, Query query, Class<T> type, String collection) {
        return template.find(readable(scope, query), type, collection);
    }

    public Mono<Long> count(SiteScope scope, Query query, String collection) {
        return template.count(readable(scope, query), collection);
    }

    /**
     * Inserts a new aggregate (version 1) with its events. Fails with the store's
     * duplicate-key error if the id exists.
     */
    public Mono<Void> insert(Caller actor, Object aggregate, String collection, List<PendingEvent> events) {
        Document document = toDocument(aggregate);
        String site = document.getString(SITE);
        actor.scope().requireWrite(site);
        document.put(VERSION, 1L);
        return Mono.deferContextual(context -> {
            document.put(OutboxEntries.FIELD, outbox.entries(events, actor.userId(), correlation(context)));
            return insertOnce(context, document, collection);
        }).doOnSuccess(saved -> relay.wake(collection, document.get("_id"))).then();
    }

    /**
     * Replaces the aggregate's state and appends its events in one atomic update, only if
     * it is still at {@code expectedVersion} and in a site the actor may write. A field the
     * aggregate now holds as null is removed from the stored document, so no stale value of
     * it stays behind (the update sets fields rather than replacing the document, to keep
     * the outbox entries still waiting in it).
     *
     * @return true if it was written, false if the document was changed meanwhile (or is gone)
     */
    public Mono<Boolean> replace(Caller actor, Object aggregate, long expectedVersion, String collection, List<PendingEvent> events) {
        Document document = toDocument(aggregate);
        Object id = document.remove("_id");
        String site = document.getString(SITE);
        actor.scope().requireWrite(site);
        document.remove(VERSION);
        document.remove(OutboxEntries.FIELD);
        Query query = writable(actor.scope(), Query.query(Criteria.where("_id").is(id).and(VERSION).is(expectedVersion)));
        return Mono.deferContextual(context -> {
            Update update = new Update();
            document.forEach(update::set);
            cleared(aggregate, document).forEach(update::unset);
            update.inc(VERSION, 1L);
            if (!events.isEmpty()) {
                update.push(OutboxEntries.FIELD).each(outbox.entries(events, actor.userId(), correlation(context)).toArray());
            }
            Optional<AppliedEvents> applying = firstWrite(context, collection, id);
            if (applying.isEmpty()) {
                return template.updateFirst(query, update, collection).map(result -> result.getMatchedCount() == 1);
            }
            String marker = applying.get().marker();
            return template.updateFirst(unmarked(query, marker), marked(update, marker), collection)
                    .flatMap(result -> result.getMatchedCount() == 1 ? Mono.just(true)
                            : carries(collection, id, marker).map(before -> {
                                if (before) {
                                    log.info("{} of {} already carries {}: not written again", id, collection, marker);
                                }
                                return before;
                            }))
                    .doOnNext(written -> {
                        if (written) {
                            applying.get().wrote(collection, id);
                        }
                    });
        }).doOnNext(written -> {
                    if (written && !events.isEmpty()) {
                        relay.wake(collection, id);
                    }
                });
    }

    /**
     * A conditional atomic update ({@code findAndModify}) of one document of a site the
     * actor may write, with events appended in the same update. The query states the
     * expected state; of any number of concurrent attempts exactly one matches.
     *
     * @return the document after the update, or empty if no document matched
     */
    public <T> Mono<T> findAndModify(Caller actor, Query query, Update update, Class<T> type, String collection,
                                     List<PendingEvent> events) {
        Query scoped = writable(actor.scope(), query);
        Object id = query.getQueryObject().get("_id");
        return Mono.deferContextual(context -> {
            if (!events.isEmpty()) {
                update.push(OutboxEntries.FIELD).each(outbox.entries(events, actor.userId(), correlation(context)).toArray());
            }
            Optional<AppliedEvents> applying = firstWrite(context, collection, id);
            if (applying.isEmpty()) {
                return template.findAndModify(scoped, update, FindAndModifyOptions.options().returnNew(true), Document.class, collection);
            }
            String marker = applying.get().marker();
            return template.findAndModify(unmarked(scoped, marker), marked(update, marker), FindAndModifyOptions.options().returnNew(true),
                            Document.class, collection)
                    .doOnNext(document -> applying.get().wrote(collection, document.get("_id")))
                    // which document the event wrote before is known only by its id
                    .switchIfEmpty(id == null ? Mono.empty() : Mono.defer(() -> template.findOne(
                            writable(actor.scope(), Query.query(Criteria.where("_id").is(id).and(AppliedEvents.FIELD).is(marker))),
                            Document.class, collection)
                            .doOnNext(before -> log.info("{} of {} already carries {}: not written again",
                                    before.get("_id"), collection, marker))
                            .map(before -> before.append(ALREADY, true))));
        }).map(document -> {
            if (document.remove(ALREADY) != null) {
                return template.getConverter().read(type, document);
            }
            if (!events.isEmpty()) {
                relay.wake(collection, document.get("_id"));
            }
            return template.getConverter().read(type, document);
        });
    }

    /**
     * Read models and local copies kept by consumers: an update (or upsert) of documents
     * of the scope's sites, without events.
     *
     * @return how many documents matched, plus one if one was inserted (an upsert that matched
     * a document it left unchanged also answers 1)
     */
    public Mono<Long> update(SiteScope scope, Query query, Update update, String collection, boolean upsert) {
        Query scoped = writable(scope, query);
        Object id = query.getQueryObject().get("_id");
        return Mono.deferContextual(context -> {
            Optional<AppliedEvents> applying = firstWrite(context, collection, id);
            if (applying.isEmpty()) {
                return (upsert ? template.upsert(scoped, update, collection) : template.updateMulti(scoped, update, collection))
                        .map(ScopedMongo::touched);
            }
            String marker = applying.get().marker();
            Mono<Long> before = template.count(and(scoped, new Document(AppliedEvents.FIELD, marker)), collection);
            Mono<Long> write = upsert
                    // an upsert cannot be made conditional on the marker (it would insert a second document): look first
                    ? before.flatMap(count -> count > 0 ? Mono.just(count)
                    : template.upsert(scoped, marked(update, marker), collection).map(ScopedMongo::touched))
                    : template.updateMulti(unmarked(scoped, marker), marked(update, marker), collection).map(ScopedMongo::touched)
                    .flatMap(count -> count > 0 ? Mono.just(count) : before);
            return write.doOnNext(count -> applying.get().wrote(collection, id));
        });
    }

    private static long touched(com.mongodb.client.result.UpdateResult result) {
        return result.getMatchedCount() + (result.getUpsertedId() == null ? 0 : 1);
    }

    /** Inserts a document without events (read models, registers) into a site the scope may write. */
    public Mono<Void> insertPlain(SiteScope scope, Object document, String collection) {
        Document converted = toDocument(document);
        scope.requireWrite(converted.getString(SITE));
        return Mono.deferContextual(context -> insertOnce(context, converted, collection)).then();
    }

    /**
     * Inserts; while a consumer applies an event, the document carries the event as applied,
     * and finding it there already (after a crash and a redelivery) counts as done.
     */
    private Mono<Document> insertOnce(reactor.util.context.ContextView context, Document document, String collection) {
        Object id = document.get("_id");
        Optional<AppliedEvents> applying = AppliedEvents.in(context);
        if (applying.isEmpty() || id == null) {
            return template.insert(document, collection);
        }
        String marker = applying.get().marker();
        boolean first = applying.get().first(collection, id);
        document.put(AppliedEvents.FIELD, List.of(marker));
        return template.insert(document, collection)
                .doOnNext(saved -> applying.get().wrote(collection, id))
                .onErrorResume(DuplicateKeyException.class, duplicate -> !first ? Mono.error(duplicate)
                        : carries(collection, id, marker).flatMap(before -> {
                            if (!before) {
                                return Mono.error(duplicate);
                            }
                            log.info("{} of {} already carries {}: not inserted again", id, collection, marker);
                            return Mono.empty();
                        }));
    }

    /** The event being applied, if this is the first write of the document while applying it. */
    private static Optional<AppliedEvents> firstWrite(reactor.util.context.ContextView context, String collection, Object id) {
        return AppliedEvents.in(context).filter(applying -> applying.first(collection, id));
    }

    private Mono<Boolean> carries(String collection, Object id, String marker) {
        return template.exists(Query.query(Criteria.where("_id").is(id).and(AppliedEvents.FIELD).is(marker)), collection);
    }

    private static Query unmarked(Query query, String marker) {
        return and(query, new Document(AppliedEvents.FIELD, new Document("$ne", marker)));
    }

    private static Update marked(Update update, String marker) {
        update.push(AppliedEvents.FIELD).slice(-AppliedEvents.KEPT).each(marker);
        return update;
    }

    private static Query and(Query query, Document condition) {
        Document filter = query.getQueryObject().isEmpty() ? condition
                : new Document("$and", List.of(query.getQueryObject(), condition));
        BasicQuery combined = new BasicQuery(filter, query.getFieldsObject());
        combined.setSortObject(query.getSortObject());
        combined.skip(query.getSkip());
        if (query.isLimited()) {
            combined.limit(query.getLimit());
        }
        return combined;
    }

    /** The aggregate's stored fields that its document leaves out because they are null now. */
    private List<String> cleared(Object aggregate, Document document) {
        MongoPersistentEntity<?> entity = template.getConverter().getMappingContext().getPersistentEntity(aggregate.getClass());
        if (entity == null) {
            return List.of();
        }
        List<String> cleared = new java.util.ArrayList<>();
        for (MongoPersistentProperty property : entity) {
            String field = property.getFieldName();
            if (!property.isIdProperty() && !field.equals(VERSION) && !field.equals(OutboxEntries.FIELD) && !document.containsKey(field)) {
                cleared.add(field);
            }
        }
        return cleared;
    }

    public Document toDocument(Object aggregate) {
        Document document = new Document();
        template.getConverter().write(aggregate, document);
        document.remove("_class");
        if (!(document.get(SITE) instanceof String)) {
            throw new IllegalArgumentException(aggregate.getClass().getSimpleName() + " has no siteId: every document belongs to a site");
        }
        return document;
    }

    public static Query readable(SiteScope scope, Query query) {
        return narrow(query, scope.readableSites());
    }

    public static Query writable(SiteScope scope, Query query) {
        return narrow(query, scope.writableSites());
    }

    private static Query narrow(Query query, Optional<Set<String>> sites) {
        if (sites.isEmpty()) {
            return query;
        }
        Document site = new Document(SITE, new Document("$in", List.copyOf(sites.get())));
        Document filter = query.getQueryObject().isEmpty() ? site
                : new Document("$and", List.of(query.getQueryObject(), site));
        BasicQuery narrowed = new BasicQuery(filter, query.getFieldsObject());
        narrowed.setSortObject(query.getSortObject());
        narrowed.skip(query.getSkip());
        if (query.isLimited()) {
            narrowed.limit(query.getLimit());
        }
        return narrowed;
    }

    private static String correlation(reactor.util.context.ContextView context) {
        return CorrelationId.from(context).orElse(null);
    }
}
