package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A waiting customer was taken by a rep (R-REC-9), or a visit ended up with another rep than
 * customer-service proposed: customer-service settles the claim or the helper's share from it.
 *
 * @param usedTurn      whether the desk charged {@code servedBy} a rotation turn
 * @param waitedSeconds how long the customer waited in the queue
 * @param assigned      the MANAGER gave the waiting customer to this rep (R-REC-8), rather than the rotation
 */
@EventContract(type = "reception.visit-served", version = 1, topic = Topics.RECEPTION)
public record VisitServed(String visitId, String siteId, String customerId, String servedBy, boolean usedTurn,
                          boolean fromQueue, long waitedSeconds, Instant at, boolean assigned) {

    public VisitServed(String visitId, String siteId, String customerId, String servedBy, boolean usedTurn,
                       boolean fromQueue, long waitedSeconds, Instant at) {
        this(visitId, siteId, customerId, servedBy, usedTurn, fromQueue, waitedSeconds, at, false);
    }
}
