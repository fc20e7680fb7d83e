package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * R-DEAL-9: the MANAGER ruled a breach case: a PENALTY (due at the finance desk; the deal goes on) or
 * CANCELLATION — the unit returns to sale, what is still due is cancelled, {@code refundAmount} of what
 * was paid is paid back by FINANCE, and the credit and bonus shares are reversed (R-ATT-17).
 *
 * @param paid   what the deal had paid (deposits and payments) when ruled
 * @param shares the shares reversed by a cancellation, else empty
 */
@EventContract(type = "deal.breach-ruled", version = 1, topic = Topics.DEAL)
public record BreachRuled(String breachId, String dealId, String siteId, String unitId, String unitLabel, String customerId,
                          String ruling, BigDecimal penalty, BigDecimal paid, BigDecimal refundAmount, String reason,
                          List<CreditRecorded.Share> shares, String ruledBy, Instant ruledAt) {
}
