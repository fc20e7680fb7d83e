package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * R-SEC-2, R-FIN-1, R-FIN-3: FINANCE recorded a payment against an amount due, with its receipt — an
 * instalment, the down payment, a transfer fee (R-FIN-4), a penalty, or the mortgage loan the bank paid
 * out (R-FIN-7).
 *
 * @param outstanding what is still due after it
 * @param settled     whether the amount due is paid in full now
 * @param subject     the name change or breach case a fee or penalty is for, else null
 * @param businessDay the finance desk's day (site calendar) the payment is booked on
 */
@EventContract(type = "finance.payment-recorded", version = 1, topic = Topics.FINANCE)
public record PaymentRecorded(String receiptNo, String siteId, String dueId, String dealId, String unitId, String kind,
                              BigDecimal amount, String method, String reference, BigDecimal outstanding, boolean settled,
                              String subject, String recordedBy, Instant recordedAt, LocalDate businessDay) {
}
