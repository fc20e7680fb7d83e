package io.anchang.platform.outbox;

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
 * Which instance of a service relays its outbox. With several replicas, two relays would
 * publish the same entries concurrently and could interleave one aggregate's events; so
 * one instance holds a lease (a document renewed by conditional update) and relays, the
 * others wait and take over when it lapses.
 */
public final class RelayLease {

    public static final String COLLECTION = "outbox_relay_lease";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Giving up is a courtesy (the lease lapses by itself): never hold a shutdown up for it. */
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveMongoTemplate template;
    private final Clock clock;
    private final Duration length;
    private final String owner = UUID.randomUUID().toString();
    private volatile Instant heldSince;

    public RelayLease(ReactiveMongoTemplate template, Clock clock, Duration length) {
        this.template = template;
        this.clock = clock;
        this.length = length;
    }

    public String owner() {
        return owner;
    }

    /** Takes or renews the lease; true while this instance holds it. */
    public boolean hold() {
        Instant now = clock.instant();
        Query free = Query.query(Criteria.where("_id").is("relay").orOperator(
                Criteria.where("owner").is(owner), Criteria.where("until").lt(Date.from(now))));
        Update take = Update.update("owner", owner).set("until", Date.from(now.plus(length)));
        try {
            Document held = template.findAndModify(free, take, FindAndModifyOptions.options().upsert(true).returnNew(true),
                    Document.class, COLLECTION).block(TIMEOUT);
            boolean mine = held != null && owner.equals(held.getString("owner"));
            heldSince = mine ? now : null;
            return mine;
        } catch (DuplicateKeyException heldByAnother) {
            heldSince = null;
            return false;
        }
    }

    /**
     * Renews the lease during a long pass once a third of it has gone by, so that it never
     * lapses while this instance still relays; false if it was lost (the pass must stop).
     */
    public boolean renewIfDue() {
        Instant since = heldSince;
        if (since != null && clock.instant().isBefore(since.plus(length.dividedBy(3)))) {
            return true;
        }
        try {
            return hold();
        } catch (RuntimeException storeAway) {
            // cannot tell whether it is still ours: stop relaying rather than risk two relays at once
            heldSince = null;
            return false;
        }
    }

    /** How long a pass may wait before it renews the lease. */
    public Duration renewEvery() {
        return length.dividedBy(3);
    }

    /** Gives the lease up (on shutdown), so another instance need not wait for it to lapse. */
    public void release() {
        heldSince = null;
        template.remove(Query.query(Criteria.where("_id").is("relay").and("owner").is(owner)), COLLECTION).block(RELEASE_TIMEOUT);
    }
}
