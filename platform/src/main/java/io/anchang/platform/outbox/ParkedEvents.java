package io.anchang.platform.outbox;

import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Outbox events the broker refused for good ({@link OutboxRelay#PARKED}), for an ADMIN: what is there, and —
 * once the cause is fixed (the broker's or the producer's size limit raised, a topic created) — republished
 * (issue 10). Republishing puts each event back at the end of its document's outbox, where the relay sends it
 * as any other (its audit entry is already on the trail and is not written twice); only then is it taken off the
 * parked list. A crash between the two leaves it in both: the next republish finds it already in the outbox and
 * adds nothing, and consumers apply an event once by its id in any case. An event refused again is parked again.
 */
public final class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** What parking added to the outbox entry; taken off again when it goes back. */
    private static final Set<String> PARKING_FIELDS = Set.of("_id", "collection", "documentId", "reason", "parkedAt");

    private final ReactiveMongoTemplate template;
    private final OutboxRelay relay;
    private final AuditTrail audit;
    private final Clock clock;

    public ParkedEvents(ReactiveMongoTemplate template, OutboxRelay relay, AuditTrail audit, Clock clock) {
        this.template = template;
        this.relay = relay;
        this.audit = audit;
        this.clock = clock;
    }

    public record ParkedEvent(String eventId, String type, String topic, String key, String siteId, String collection,
                              String documentId, String reason, Instant parkedAt) {
    }

    public record Listing(long pending, List<ParkedEvent> parked) {
    }

    /**
     * @param republished events put back into their documents' outboxes for the relay
     * @param notFound    events whose document is gone: left parked, for the operator
     * @param pending     events still parked after this call
     */
    public record Republish(int republished, List<ParkedEvent> notFound, long pending) {
    }

    /** The parked events, oldest first. */
    public Listing list(int limit) {
        Query query = new Query().with(Sort.by("parkedAt", "_id")).limit(limit);
        List<ParkedEvent> parked = new ArrayList<>();
        template.find(query, Document.class, OutboxRelay.PARKED).map(ParkedEvents::view).toIterable().forEach(parked::add);
        return new Listing(pending(), parked);
    }

    /** Puts every parked event (at most {@code limit}, oldest first) back into its document's outbox; by the ADMIN {@code actor}. */
    public synchronized Republish republish(String actor, int limit) {
        Query oldestFirst = new Query().with(Sort.by("parkedAt", "_id")).limit(limit);
        List<Document> parked = new ArrayList<>();
        template.find(oldestFirst, Document.class, OutboxRelay.PARKED).toIterable().forEach(parked::add);
        int republished = 0;
        List<ParkedEvent> notFound = new ArrayList<>();
        for (Document kept : parked) {
            ParkedEvent event = view(kept);
            Object documentId = kept.get("documentId");
            Document entry = new Document(kept);
            PARKING_FIELDS.forEach(entry::remove);
            boolean exists = Boolean.TRUE.equals(template.exists(Query.query(Criteria.where("_id").is(documentId)), event.collection())
                    .block(TIMEOUT));
            if (!exists) {
                notFound.add(event);
                continue;
            }
            // back at the end of the outbox, unless an earlier republish that crashed put it there already
            template.updateFirst(Query.query(Criteria.where("_id").is(documentId).and(OutboxEntries.FIELD + ".eventId").ne(event.eventId())),
                    new Update().push(OutboxEntries.FIELD, entry), event.collection()).block(TIMEOUT);
            template.remove(Query.query(Criteria.where("_id").is(event.eventId())), OutboxRelay.PARKED).block(TIMEOUT);
            if (event.siteId() != null) {
                audit.recordAll(List.of(new AuditRecord(UUID.randomUUID().toString(), event.siteId(), clock.instant(), actor,
                        "outbox.republished", event.eventId(), null, "{\"type\":\"" + event.type() + "\",\"topic\":\"" + event.topic() + "\"}",
                        "管理员重新发布被拒收的事件 (an ADMIN republished an event the broker had refused: " + event.reason() + ")")));
            }
            relay.wake(event.collection(), documentId);
            republished++;
            log.warn("parked outbox event {} {} of {} {} republished by {}", event.type(), event.eventId(), event.collection(), documentId, actor);
        }
        relay.recountParked();
        return new Republish(republished, notFound, pending());
    }

    private long pending() {
        Long count = template.count(new Query(), OutboxRelay.PARKED).block(TIMEOUT);
        return count == null ? 0 : count;
    }

    private static ParkedEvent view(Document kept) {
        Date parkedAt = kept.getDate("parkedAt");
        Object documentId = kept.get("documentId");
        return new ParkedEvent(kept.getString("eventId"), kept.getString("type"), kept.getString("topic"), kept.getString("key"),
                kept.getString("siteId"), kept.getString("collection"), documentId == null ? null : documentId.toString(),
                kept.getString("reason"), parkedAt == null ? null : parkedAt.toInstant());
    }
}
