package io.anchang.platform.outbox;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.EventContracts;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Turns pending events into the entries stored in an aggregate's {@code outbox} array:
 * the envelope JSON exactly as it will be published, plus what the relay and the audit
 * trail need (topic, key, actor, correlation id, state before, reason).
 */
public final class OutboxEntries {

    public static final String FIELD = "outbox";

    private final JsonMapper mapper;
    private final Clock clock;

    public OutboxEntries(JsonMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public List<Document> entries(List<PendingEvent> events, String actor, String correlationId) {
        return events.stream().map(event -> entry(event, actor, correlationId)).toList();
    }

    public Document entry(PendingEvent event, String actor, String correlationId) {
        EventContract contract = EventContracts.of(event.payload().getClass());
        UUID eventId = UUID.randomUUID();
        Instant now = clock.instant();
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", contract.type());
        envelope.put("version", contract.version());
        envelope.put("occurredAt", now.toString());
        envelope.put("siteId", event.siteId());
        envelope.put("aggregateId", event.aggregateId());
        envelope.put("actor", actor);
        envelope.set("payload", mapper.valueToTree(event.payload()));
        return new Document("eventId", eventId.toString())
                .append("topic", contract.topic())
                .append("key", event.aggregateId())
                .append("type", contract.type())
                .append("version", contract.version())
                .append("siteId", event.siteId())
                .append("occurredAt", Date.from(now))
                .append("actor", actor)
                .append("correlationId", correlationId)
                .append("envelope", mapper.writeValueAsString(envelope))
                .append("before", event.before() == null ? null : mapper.writeValueAsString(event.before()))
                .append("reason", event.reason());
    }
}
