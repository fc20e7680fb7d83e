package io.anchang.customer.adapter.mongo;

import io.anchang.platform.store.Stored;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One collection of one kind of small aggregate: documents of type {@code D} mapped to aggregates {@code T}, read within
 * a site, written whole — the first time an insert, then a conditional update on the version, each with its events.
 */
final class DocumentStore<D, T> {

    private final ScopedMongo mongo;
    private final Class<D> type;
    private final String collection;
    private final Function<D, T> aggregate;
    private final Function<T, D> document;
    private final ToLongFunction<D> version;

    DocumentStore(ScopedMongo mongo, Class<D> type, String collection, Function<D, T> aggregate, Function<T, D> document,
                  ToLongFunction<D> version) {
        this.mongo = mongo;
        this.type = type;
        this.collection = collection;
        this.aggregate = aggregate;
        this.document = document;
        this.version = version;
    }

    Mono<Stored<T>> one(SiteScope scope, String site, Criteria criteria) {
        return mongo.findOne(scope, Query.query(criteria.and(ScopedMongo.SITE).is(site)), type, collection)
                .map(d -> new Stored<>(aggregate.apply(d), version.applyAsLong(d)));
    }

    Mono<Stored<T>> byId(SiteScope scope, String site, String id) {
        return one(scope, site, Criteria.where("_id").is(id));
    }

    Flux<T> many(SiteScope scope, String site, Criteria criteria, Sort sort, int limit) {
        Query query = Query.query(criteria.and(ScopedMongo.SITE).is(site)).with(sort);
        if (limit > 0) {
            query.limit(limit);
        }
        return mongo.find(scope, query, type, collection).map(aggregate);
    }

    Mono<Boolean> save(Caller caller, T value, long expectedVersion, List<PendingEvent> events) {
        D stored = document.apply(value);
        if (expectedVersion == 0) {
            return mongo.insert(caller, stored, collection, events).thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
        }
        return mongo.replace(caller, stored, expectedVersion, collection, events);
    }

    static long versionOf(Long version) {
        return version == null ? 1 : version;
    }
}
