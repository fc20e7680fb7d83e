package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A walk-in or call whose registration was refused (customer-service answered with a problem the desk must fix): the
 * register keeps the entry as 未登记 (REJECTED), nobody serves it and no turn moved (R-REC-3, R-SEC-4).
 */
@EventContract(type = "reception.visit-rejected", version = 1, topic = Topics.RECEPTION)
public record VisitRejected(String visitId, String siteId, String requestId, String phoneMasked, String registeredBy,
                            String problemType, String detail, Instant at) {
}
