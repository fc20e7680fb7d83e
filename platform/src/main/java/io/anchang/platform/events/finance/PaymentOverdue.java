package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-FIN-3, R-DEAL-9: the daily check (in the site's time zone) found an amount due unpaid after its day —
 * once when it becomes overdue, and once more ({@code breach}) when it is overdue more than the site's
 * {@code breachMonths}: deal-service then opens a breach case.
 */
@EventContract(type = "finance.payment-overdue", version = 1, topic = Topics.FINANCE)
public record PaymentOverdue(String dueId, String siteId, String dealId, String unitId, String unitLabel, String kind,
                             BigDecimal amount, BigDecimal outstanding, LocalDate dueOn, long daysOverdue, boolean breach,
                             int breachMonths, LocalDate detectedOn, Instant detectedAt) {
}
