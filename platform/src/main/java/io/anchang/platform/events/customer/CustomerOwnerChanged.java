package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * Who owns a customer changed: a claim was won, passed on, lost or expired (R-ATT). Other
 * services keep {@code customerId → ownerRep} from these to check, for example, that a rep
 * holds a unit only for a customer of theirs.
 *
 * @param ownerRep the owner now, or null when no valid claim stands
 * @param ruleId   the rule that decided it, e.g. R-ATT-5
 */
@EventContract(type = "customer.owner-changed", version = 1, topic = Topics.CUSTOMER)
public record CustomerOwnerChanged(String customerId, String siteId, String ownerRep, String previousOwner,
                                   String ruleId, Instant at) {
}
