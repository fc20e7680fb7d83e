package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-FIN-3: an amount is due at the finance desk: a term of a contract's schedule (DOWN_PAYMENT,
 * INSTALMENT, MORTGAGE), a transfer fee (TRANSFER_FEE, R-DEAL-8) or a breach penalty (PENALTY, R-DEAL-9).
 *
 * @param subject what the fee or penalty is for (the name change, the breach case), else null
 */
@EventContract(type = "finance.payment-due", version = 1, topic = Topics.FINANCE)
public record PaymentDue(String dueId, String siteId, String dealId, String unitId, String unitLabel, String kind,
                         BigDecimal amount, LocalDate dueOn, String subject, Instant openedAt) {
}
