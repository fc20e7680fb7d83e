package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * An inbound call was written in the call register (来电登记表, R-REC-3) by the rep who took
 * it — the evidence for first registration (R-ATT-1). While its attribution is pending,
 * reception-service asks customer-service again, as for {@link VisitRegistered}; the phone
 * travels only masked (R-SEC-3).
 *
 * @param receivedBy the rep who took the call (SALES or SUPERVISOR of the site's roster); who wrote it in the
 *                   register — that rep, or the desk for them — is the event's actor
 */
@EventContract(type = "reception.call-registered", version = 1, topic = Topics.RECEPTION)
public record CallRegistered(String callId, String siteId, String requestId, Instant at, String phoneMasked,
                             String customerName, String customerId, String receivedBy, boolean attributionPending,
                             String note) {
}
