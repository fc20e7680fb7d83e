package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The finance desk's confirmation moved a held unit to SMALL_DEPOSIT (R-DEAL-3, R-FIN-2):
 * it stays the customer's until {@code lapsesOn} unless upgraded to a big deposit.
 */
@EventContract(type = "deal.small-deposit-taken", version = 1, topic = Topics.DEAL)
public record SmallDepositTaken(String dealId, String siteId, String unitId, String unitLabel, String customerId,
                                String repUserId, String requestId, String receiptNo, BigDecimal amount,
                                BigDecimal price, LocalDate lapsesOn, Instant takenAt) {
}
