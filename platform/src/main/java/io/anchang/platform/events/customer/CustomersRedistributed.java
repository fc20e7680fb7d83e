package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.util.List;

/**
 * A MANAGER redistributed a rep's customers by random draw (R-ATT-15); the seed and the result
 * are kept, so that the same seed shows the same draw.
 */
@EventContract(type = "customer.customers-redistributed", version = 1, topic = Topics.CUSTOMER)
public record CustomersRedistributed(String drawId, String siteId, String fromRep, List<String> toReps, long seed,
                                     List<Assignment> assignments, String reason, String drawnBy, Instant at) {

    /** One customer and the rep the draw gave them to. */
    public record Assignment(String customerId, String archiveNo, String toRep) {
    }
}
