package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-FIN-4: FINANCE paid a refund due out, with a payment voucher (付款凭证) numbered gap-free per site
 * and year (FK-SH01-2026-000001).
 */
@EventContract(type = "finance.refund-paid", version = 1, topic = Topics.FINANCE)
public record RefundPaid(String voucherNo, String siteId, String refundId, String unitId, String reason, BigDecimal amount,
                         String method, String reference, String payee, String paidBy, Instant paidAt, LocalDate businessDay) {
}
