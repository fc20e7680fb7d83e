package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A rep asks the finance desk to take a deposit on a unit held for a customer (flow 2):
 * finance-service queues it; only FINANCE confirms it (R-SEC-2, R-FIN-2).
 *
 * @param kind          SMALL (小定, R-DEAL-3) or BIG (大定 with the subscription agreement, R-DEAL-4)
 * @param amountDue     the deposit to take, yuan, scale 2
 * @param price         the agreed price after discount (R-DEAL-12), yuan, scale 2
 * @param holdExpiresAt when the hold lapses unless confirmed (R-DEAL-2); null for an upgrade of a small deposit
 * @param payBy         the confirmation's deadline, judged by the finance desk's clock (R-DEAL-2, R-FIN-2): the
 *                      hold's expiry, or the small deposit's lapse for an upgrade (R-DEAL-3); null from senders
 *                      before it was added, meaning {@code holdExpiresAt}
 */
@EventContract(type = "deal.deposit-requested", version = 1, topic = Topics.DEAL)
public record DepositRequested(String requestId, String siteId, String unitId, String unitLabel, String holdId,
                               String customerId, String customerName, String repUserId, String repName, String kind,
                               BigDecimal amountDue, BigDecimal price, Instant holdExpiresAt, Instant requestedAt,
                               Instant payBy) {
}
