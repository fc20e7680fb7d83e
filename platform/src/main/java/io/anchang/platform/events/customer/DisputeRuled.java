package io.anchang.platform.events.customer;

import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.util.List;

/**
 * A dispute over a customer (客户交叉, R-ATT-16) was settled: AMICABLE (the reps agreed), RULED
 * (the MANAGER decided, the reps must accept) or DEPARTMENT (the reps quarrelled: credit and
 * bonus go to the house account).
 */
@EventContract(type = "customer.dispute-ruled", version = 1, topic = Topics.CUSTOMER)
public record DisputeRuled(String disputeId, String siteId, String customerId, String archiveNo, List<String> parties,
                           String outcome, String ownerRep, List<Share> shares, String reason, String ruledBy,
                           Instant at) {
}
