package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * An inbound call was written in the call register (来电登记表, R-REC-3) by the rep who took
 * it — the evidence for first registration (R-ATT-1). {@code phone} (E.164) only while the
 * attribution is pending, as in {@link VisitRegistered}.
 */
@EventContract(type = "reception.call-registered", version = 1, topic = Topics.RECEPTION)
public record CallRegistered(String callId, String siteId, String requestId, Instant at, String phoneMasked, String phone,
                             String customerName, String customerId, String receivedBy, boolean attributionPending,
                             String note) {
}
