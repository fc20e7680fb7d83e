package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * R-DEAL-2, R-FIN-2: the deadline of a deposit request passed with no confirmation at the finance
 * desk — judged there, by the time, in the same conditional write that a confirmation would have
 * made. deal-service releases the hold (or lets the small deposit lapse, R-DEAL-3) only on this
 * verdict, so that no in-time confirmation ever finds its unit given away.
 *
 * @param holdId   the hold (or, for an upgrade, the deal) the request stood on
 * @param deadline the hold's expiry, or the small deposit's lapse for an upgrade
 */
@EventContract(type = "finance.deposit-request-lapsed", version = 1, topic = Topics.FINANCE)
public record DepositRequestLapsed(String requestId, String siteId, String unitId, String unitLabel, String holdId,
                                   String kind, Instant deadline, Instant lapsedAt) {
}
