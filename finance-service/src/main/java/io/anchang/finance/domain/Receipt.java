package io.anchang.finance.domain;

import io.anchang.platform.money.Money;

import java.time.Instant;

/**
 * A receipt (收据) for a payment FINANCE recorded (R-FIN-1): its number is unique and
 * gap-free per site and year, {@code SH01-2026-000123}.
 */
public record Receipt(String number, String siteId, int year, long seq, String requestId, String unitId, String unitLabel,
                      String customerName, String repName, String kind, Money amount, PaymentMethod method, String reference,
                      String confirmedBy, String confirmedByName, Instant confirmedAt) {

    public static String number(String site, int year, long seq) {
        return site + "-" + year + "-" + String.format("%06d", seq);
    }
}
