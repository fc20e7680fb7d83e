package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * R-DEAL-3: a small deposit was not upgraded by its day and lapsed; the unit is on sale again.
 * finance-service opens a refund due for what was paid (R-FIN-4) and cancels the requests still
 * waiting at the desk for this deal.
 *
 * @param deposits each deposit paid on the deal, with its receipt
 */
@EventContract(type = "deal.small-deposit-lapsed", version = 1, topic = Topics.DEAL)
public record SmallDepositLapsed(String dealId, String siteId, String unitId, String unitLabel, String customerId,
                                 List<Paid> deposits, BigDecimal paid, Instant lapsesAt, Instant lapsedAt) {

    /** One deposit paid: its request, its receipt and its amount (yuan, scale 2). */
    public record Paid(String requestId, String receiptNo, BigDecimal amount) {
    }
}
