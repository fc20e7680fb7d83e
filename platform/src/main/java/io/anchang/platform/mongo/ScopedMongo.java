package io.anchang.platform.mongo;

import io.anchang.platform.outbox.OutboxEntries;
import io.anchang.platform.outbox.OutboxRelay;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.web.CorrelationId;
import org.bson.Document;
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
            return template.insert(document, collection);
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
            return template.updateFirst(query, update, collection);
        }).map(result -> result.getMatchedCount() == 1)
                .doOnNext(written -> {
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
        return Mono.deferContextual(context -> {
            if (!events.isEmpty()) {
                update.push(OutboxEntries.FIELD).each(outbox.entries(events, actor.userId(), correlation(context)).toArray());
            }
            return template.findAndModify(scoped, update, FindAndModifyOptions.options().returnNew(true), Document.class, collection);
        }).map(document -> {
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
        return (upsert ? template.upsert(scoped, update, collection) : template.updateMulti(scoped, update, collection))
                .map(result -> result.getMatchedCount() + (result.getUpsertedId() == null ? 0 : 1));
    }

    /** Inserts a document without events (read models, registers) into a site the scope may write. */
    public Mono<Void> insertPlain(SiteScope scope, Object document, String collection) {
        Document converted = toDocument(document);
        scope.requireWrite(converted.getString(SITE));
        return template.insert(converted, collection).then();
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
