package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * 登记未完成: a walk-in whose registration was interrupted and whose day ended before it was completed; the register keeps
 * it, attribution pending, for the manager to settle. Its day's desk let go of it: nobody serves it, it waits nowhere, no
 * turn moved (R-REC-3, R-SEC-4).
 */
@EventContract(type = "reception.visit-unfinished", version = 1, topic = Topics.RECEPTION)
public record VisitUnfinished(String visitId, String siteId, String requestId, LocalDate day, Instant arrivedAt,
                              String phoneMasked, String registeredBy, Instant closedAt) {
}
