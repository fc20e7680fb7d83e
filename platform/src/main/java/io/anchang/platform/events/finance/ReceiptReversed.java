package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-FIN-7: a receipt of a closed day was corrected by a reversing entry (红字冲销) on a later day: a new
 * receipt number with the negative amount, booked on {@code businessDay}; the original stays as it was.
 *
 * @param receiptNo the reversing entry's own number
 * @param reverses  the receipt it reverses
 * @param amount    negative
 * @param kind      what the reversed receipt was for (DOWN_PAYMENT, INSTALMENT, MORTGAGE, TRANSFER_FEE, PENALTY); null in events before it was told
 */
@EventContract(type = "finance.receipt-reversed", version = 1, topic = Topics.FINANCE)
public record ReceiptReversed(String receiptNo, String reverses, String siteId, String dueId, String dealId, String unitId,
                              BigDecimal amount, String reason, String reversedBy, Instant reversedAt, LocalDate businessDay, String kind) {
}
