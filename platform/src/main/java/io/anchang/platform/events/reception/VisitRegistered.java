package io.anchang.platform.events.reception;

import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A walk-in was written in the visitor register (来人登记表, R-REC-3) and given to a rep or
 * to the queue (R-REC-1, R-REC-9). When customer-service did not answer in time the visit is
 * {@code attributionPending}: it was given to the rotation's rep and customer-service
 * resolves it from this event (flow 1, degraded). Only then does the event carry the full
 * {@code phone} (E.164) — customer-service needs it to find or create the customer; no list
 * or report shows it (R-SEC-3) — and what the customer said and the desk at that moment.
 *
 * @param servedBy the rep who serves, or null while the customer waits in the queue
 * @param usedTurn whether the desk charged {@code servedBy} a rotation turn
 */
@EventContract(type = "reception.visit-registered", version = 1, topic = Topics.RECEPTION)
public record VisitRegistered(String visitId, String siteId, String requestId, Instant at, String phoneMasked,
                              String phone, String customerName, String customerId, String servedBy, boolean usedTurn,
                              boolean queued, boolean attributionPending, String ruleId, Statement statement,
                              Desk desk, String registeredBy) {
}
