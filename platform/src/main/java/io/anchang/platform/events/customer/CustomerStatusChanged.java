package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A customer moved along the policy's steps (R-CUS-1): RECORDED, CLASSIFIED, FOLLOWING, DEPOSIT, DEAL, LOST, OWNER,
 * REFERRER — by the rep (lost with its reason, R-CUS-6; followed again) or by another service's event.
 *
 * @param cause MANUAL, or the type of the event that moved it ({@code deal.big-deposit-signed})
 */
@EventContract(type = "customer.status-changed", version = 1, topic = Topics.CUSTOMER)
public record CustomerStatusChanged(String customerId, String siteId, String archiveNo, String from, String to, String owner,
                                    String reason, String cause, String by, Instant at) {
}
