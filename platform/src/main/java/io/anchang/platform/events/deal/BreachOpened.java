package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-DEAL-9: an amount due was overdue more than {@code breachMonths} (finance-service's
 * {@code finance.payment-overdue} with {@code breach}): the deal is a breach case for the MANAGER.
 */
@EventContract(type = "deal.breach-opened", version = 1, topic = Topics.DEAL)
public record BreachOpened(String breachId, String dealId, String siteId, String unitId, String unitLabel, String dueId,
                           LocalDate dueOn, BigDecimal outstanding, Instant openedAt) {
}
