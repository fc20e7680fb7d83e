package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * R-DEAL-10: a MANAGER approved a refund before the contract: the unit is on sale again, the deposit is
 * forfeited (定金罚则) except {@code refundAmount}, which FINANCE pays out (finance-service opens the
 * refund due, R-FIN-4); the credit and bonus shares are reversed (R-ATT-17).
 *
 * @param paid      the deposits paid
 * @param forfeited paid less the refund
 * @param shares    the shares reversed
 */
@EventContract(type = "deal.refunded", version = 1, topic = Topics.DEAL)
public record Refunded(String approvalId, String dealId, String siteId, String unitId, String unitLabel, String customerId,
                       BigDecimal paid, BigDecimal refundAmount, BigDecimal forfeited, List<String> receipts,
                       String retentionTalk, String reason, List<CreditRecorded.Share> shares, String approvedBy,
                       Instant refundedAt) {
}
