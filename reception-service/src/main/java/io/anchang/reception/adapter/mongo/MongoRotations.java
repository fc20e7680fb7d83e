package io.anchang.reception.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.application.Rotations;
import io.anchang.platform.store.Stored;
import io.anchang.reception.domain.Rotation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** Desks in MongoDB: the first change of a day is an insert, later ones a conditional update on the version. */
public class MongoRotations implements Rotations {

    private final ScopedMongo mongo;

    public MongoRotations(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Stored<Rotation>> find(SiteScope scope, String site, LocalDate day) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(site + ":" + day)), RotationDocument.class,
                RotationDocument.COLLECTION).map(d -> new Stored<>(d.rotation(), d.version() == null ? 1 : d.version()));
    }

    @Override
    public Mono<Boolean> save(Caller caller, Rotation rotation, long expectedVersion, List<PendingEvent> events) {
        RotationDocument document = RotationDocument.of(rotation);
        if (expectedVersion == 0) {
            return mongo.insert(caller, document, RotationDocument.COLLECTION, events).thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
        }
        return mongo.replace(caller, document, expectedVersion, RotationDocument.COLLECTION, events);
    }
}
