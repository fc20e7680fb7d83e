package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-FIN-1: FINANCE voided a receipt of a day not closed yet, with a reason: it keeps its number and is
 * never deleted; the payment it recorded no longer counts (the amount is due again).
 *
 * @param kind what the receipt was for (DOWN_PAYMENT, INSTALMENT, MORTGAGE, TRANSFER_FEE, PENALTY); null in events before it was told
 */
@EventContract(type = "finance.receipt-voided", version = 1, topic = Topics.FINANCE)
public record ReceiptVoided(String receiptNo, String siteId, String dueId, String dealId, String unitId, BigDecimal amount,
                            String reason, String voidedBy, Instant voidedAt, LocalDate businessDay,
                            String kind) {
}
