package io.anchang.reporting.adapter.mongo;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Which instance of reporting-service keeps the read models: with several replicas, one holds
 * this lease (renewed by conditional update) and runs the projection; the others serve reports
 * and take over when it lapses. The holder writes only while its lease has time left.
 */
public final class ProjectionLease {

    static final String COLLECTION = "projection_lease";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMongoTemplate template;
    private final Clock clock;
    private final Duration length;
    private final String owner = UUID.randomUUID().toString();
    private volatile Instant heldUntil = Instant.MIN;

    public ProjectionLease(ReactiveMongoTemplate template, Clock clock, Duration length) {
        this.template = template;
        this.clock = clock;
        this.length = length;
    }

    /** Takes or renews the lease; true while this instance holds it. */
    public boolean hold() {
        Instant now = clock.instant();
        Query free = Query.query(Criteria.where("_id").is("projection").orOperator(
                Criteria.where("owner").is(owner), Criteria.where("until").lt(Date.from(now))));
        Update take = Update.update("owner", owner).set("until", Date.from(now.plus(length)));
        try {
            Document held = template.findAndModify(free, take, FindAndModifyOptions.options().upsert(true).returnNew(true),
                    Document.class, COLLECTION).block(TIMEOUT);
            boolean ours = held != null && owner.equals(held.getString("owner"));
            heldUntil = ours ? now.plus(length) : Instant.MIN;
            return ours;
        } catch (DuplicateKeyException heldByAnother) {
            heldUntil = Instant.MIN;
            return false;
        } catch (RuntimeException storeDown) {
            return mayWrite();
        }
    }

    /** Whether the lease has at least a third of its length left: time enough to finish a batch. */
    public boolean mayWrite() {
        return clock.instant().plus(length.dividedBy(3)).isBefore(heldUntil);
    }

    public void release() {
        heldUntil = Instant.MIN;
        try {
            template.remove(Query.query(Criteria.where("_id").is("projection").and("owner").is(owner)), COLLECTION)
                    .block(Duration.ofSeconds(1));
        } catch (RuntimeException ignored) {
            // the lease lapses by itself
        }
    }
}
