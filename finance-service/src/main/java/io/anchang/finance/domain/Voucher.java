package io.anchang.finance.domain;

import io.anchang.platform.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A payment voucher (付款凭证, R-FIN-4): money FINANCE paid out — a refund due — numbered gap-free per site and
 * year like receipts ({@code FK-SH01-2026-000001}), booked on the desk's day, voided with a reason but never deleted.
 */
public record Voucher(String number, String siteId, int year, long seq, String refundId, String unitId, String unitLabel,
                      String reason, Money amount, PaymentMethod method, String reference, String payee, String paidBy,
                      String paidByName, Instant paidAt, LocalDate businessDay, boolean closed, Voiding voided) {

    public static String number(String site, int year, long seq) {
        return "FK-" + site + "-" + year + "-" + String.format("%06d", seq);
    }

    public boolean counts() {
        return voided == null;
    }
}
