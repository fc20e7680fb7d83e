package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** R-FIN-1: a payment voucher of a day not closed yet was voided with a reason (number kept); the refund is due again. */
@EventContract(type = "finance.voucher-voided", version = 1, topic = Topics.FINANCE)
public record VoucherVoided(String voucherNo, String siteId, String refundId, BigDecimal amount, String reason,
                            String voidedBy, Instant voidedAt, LocalDate businessDay) {
}
