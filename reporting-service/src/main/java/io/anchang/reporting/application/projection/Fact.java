package io.anchang.reporting.application.projection;

import java.time.Instant;

/** An event as a projector reads it: the envelope's facts and the payload of its contract. */
public record Fact<P>(String eventId, String type, int version, Instant occurredAt, String siteId, String actor, P payload) {
}
