package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/** The rep saw the customer off (送客, R-REC-2): free again; the reception took {@code durationSeconds}. */
@EventContract(type = "reception.customer-seen-off", version = 1, topic = Topics.RECEPTION)
public record CustomerSeenOff(String visitId, String siteId, String rep, String customerId, Instant startedAt,
                              Instant endedAt, long durationSeconds) {
}
