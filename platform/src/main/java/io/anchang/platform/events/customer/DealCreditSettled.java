package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * R-ATT-17: the credit and bonus shares a deal took became FINAL (the contract was signed) or were
 * REVERSED (the deal was refunded, or cancelled for breach).
 *
 * @param cause the deal event that settled them ({@code deal.contract-signed}, {@code deal.refunded}, {@code deal.breach-ruled})
 */
@EventContract(type = "customer.deal-credit-settled", version = 1, topic = Topics.CUSTOMER)
public record DealCreditSettled(String dealId, String siteId, String customerId, String status, String cause, Instant at) {
}
