package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-FIN-7: a payment voucher of a closed day was corrected by a reversing voucher (红字冲销) booked on a later day —
 * a new number with the negative amount; the refund it paid is owed again.
 *
 * @param voucherNo the reversing voucher's own number
 * @param reverses  the voucher it reverses
 * @param amount    negative
 * @param dealId    the deal the refund is of, else null (also in events before it was told)
 */
@EventContract(type = "finance.voucher-reversed", version = 1, topic = Topics.FINANCE)
public record VoucherReversed(String voucherNo, String reverses, String siteId, String refundId, String unitId, BigDecimal amount,
                              String reason, String reversedBy, Instant reversedAt, LocalDate businessDay,
                              String dealId) {
}
