package io.anchang.platform.events;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * What travels on a topic: who did what to which aggregate of which site, when, and the
 * payload of the contract named by {@code type} and {@code version}. JSON on the wire.
 * The correlation id travels in the record's headers.
 */
public record EventEnvelope(UUID eventId, String type, int version, Instant occurredAt,
                            String siteId, String aggregateId, String actor, JsonNode payload) {
}
