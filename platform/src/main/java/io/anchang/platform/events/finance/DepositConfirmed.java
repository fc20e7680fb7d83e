package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * FINANCE took the deposit and issued a receipt (R-SEC-2, R-FIN-1, R-FIN-2): what moves the
 * unit on at deal-service. One per request: the same confirmation twice counts once.
 *
 * @param method CASH, CARD, TRANSFER or CHEQUE
 */
@EventContract(type = "finance.deposit-confirmed", version = 1, topic = Topics.FINANCE)
public record DepositConfirmed(String requestId, String siteId, String unitId, String holdId, String kind,
                               String receiptNo, BigDecimal amount, String method, String reference,
                               String confirmedBy, Instant confirmedAt) {
}
