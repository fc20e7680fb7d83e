package io.anchang.platform.outbox;

import io.anchang.platform.events.EventContracts;

import java.util.Objects;

/**
 * An event a use case is about to store with its aggregate: the contract payload, and for
 * the audit trail (R-SEC-4) the state before the change and the reason given.
 */
public record PendingEvent(String siteId, String aggregateId, Object payload, Object before, String reason) {

    public PendingEvent {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
        EventContracts.of(payload.getClass());
    }

    public static PendingEvent of(String siteId, String aggregateId, Object payload) {
        return new PendingEvent(siteId, aggregateId, payload, null, null);
    }

    public PendingEvent before(Object state) {
        return new PendingEvent(siteId, aggregateId, payload, state, reason);
    }

    public PendingEvent because(String why) {
        return new PendingEvent(siteId, aggregateId, payload, before, why);
    }
}
