package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.util.List;

/**
 * An incident on the sales floor (突发事件, R-OPS-3) was recorded or closed: who was involved, what happened, the
 * action taken — first of all, whether the parties were taken away from the floor — and, once closed, the outcome.
 *
 * @param parties the people involved, as "kind:name" (REP, CUSTOMER, OTHER); customers' phones never appear
 * @param status  OPEN or CLOSED
 */
@EventContract(type = "reception.incident-recorded", version = 1, topic = Topics.RECEPTION)
public record IncidentRecorded(String incidentId, String siteId, Instant occurredAt, List<String> parties, String what,
                               String actionTaken, boolean takenAwayFromFloor, String outcome, String status, String by,
                               Instant at) {
}
