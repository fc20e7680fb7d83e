package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A MANAGER found two records of one person (R-CUS-3): the record registered later ({@code absorbedId}) is marked to be
 * merged into the earliest ({@code survivorId}) and is frozen until {@code customer.customers-merged} follows.
 *
 * @param mergeId the merge, the same on every retry of it
 */
@EventContract(type = "customer.merge-begun", version = 1, topic = Topics.CUSTOMER)
public record MergeBegun(String mergeId, String siteId, String absorbedId, String absorbedArchiveNo, String survivorId,
                         String markedBy, String reason, Instant at) {
}
