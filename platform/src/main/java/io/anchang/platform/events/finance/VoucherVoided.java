package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-FIN-1: a payment voucher of a day not closed yet was voided with a reason (number kept); what it paid of the refund is
 * owed again.
 *
 * @param dealId the deal the refund is of, else null (also in events before it was told)
 */
@EventContract(type = "finance.voucher-voided", version = 1, topic = Topics.FINANCE)
public record VoucherVoided(String voucherNo, String siteId, String refundId, BigDecimal amount, String reason,
                            String voidedBy, Instant voidedAt, LocalDate businessDay, String dealId) {
}
