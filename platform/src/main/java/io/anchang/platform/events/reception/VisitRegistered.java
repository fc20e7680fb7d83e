package io.anchang.platform.events.reception;

import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A walk-in was written in the visitor register (来人登记表, R-REC-3) and given to a rep or
 * to the queue (R-REC-1, R-REC-9). When customer-service did not answer in time the visit is
 * {@code attributionPending}: it was given to the rotation's rep, and reception-service asks
 * customer-service again, with its own identity, until it answers (flow 1, degraded). The
 * event never carries the phone whole (R-SEC-3): only masked, also in what the customer said.
 *
 * @param servedBy  the rep who serves, or null while the customer waits in the queue
 * @param usedTurn  whether the desk charged {@code servedBy} a rotation turn
 * @param statement what the customer said, phones masked; only while the attribution is pending
 * @param desk      the desk at that moment; only while the attribution is pending
 */
@EventContract(type = "reception.visit-registered", version = 1, topic = Topics.RECEPTION)
public record VisitRegistered(String visitId, String siteId, String requestId, Instant at, String phoneMasked,
                              String customerName, String customerId, String servedBy, boolean usedTurn,
                              boolean queued, boolean attributionPending, String ruleId, Statement statement,
                              Desk desk, String registeredBy) {
}
