package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.util.List;

/**
 * A MANAGER found two customer records of one site to be one person and merged them (R-CUS-3).
 * The survivor is the record registered earliest: it keeps that registration (archive number,
 * time, source) and now holds both records' phones and histories; the absorbed record stays
 * only as a pointer to it. Other services that keep customer ids may read {@code absorbedId}
 * as {@code survivorId} from now on. Phones leave customer-service only masked (R-SEC-3).
 *
 * @param mergeId          the merge, the same on every retry of it
 * @param ownerRep         the owner after the merge, or null
 * @param absorbedOwnerRep the owner the absorbed record had, or null
 * @param disputeId        the dispute opened for the MANAGER when the rules could not say whose
 *                         claim stands (R-ATT-16), or null
 */
@EventContract(type = "customer.customers-merged", version = 1, topic = Topics.CUSTOMER)
public record CustomersMerged(String mergeId, String siteId, String survivorId, String survivorArchiveNo,
                              String absorbedId, String absorbedArchiveNo, Instant registeredAt, List<String> phonesMasked,
                              String ownerRep, String absorbedOwnerRep, String disputeId, String mergedBy, String reason,
                              Instant at) {
}
