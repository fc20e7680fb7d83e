package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * R-FIN-7: a deal's mortgage moved on: APPLIED, APPROVED (with the amount the bank approved), REJECTED, or
 * LOAN_PAID when FINANCE recorded the loan the bank paid out as a payment.
 */
@EventContract(type = "finance.mortgage-progressed", version = 1, topic = Topics.FINANCE)
public record MortgageProgressed(String dealId, String siteId, String unitId, String step, String bank, BigDecimal amount,
                                 String note, String by, Instant at) {
}
