package io.anchang.finance.domain;

import io.anchang.platform.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A payment voucher (付款凭证, R-FIN-4): money FINANCE paid out — a refund due — numbered gap-free per site and
 * year like receipts ({@code FK-SH01-2026-000001}), booked on the desk's day, voided with a reason but never deleted.
 * Once its day is closed it is corrected only by a reversing voucher (红字冲销, R-FIN-7) on a later day: a new number,
 * the negative amount, {@code reverses} naming it; the reversed one then names its reversal in {@code reversedBy}.
 *
 * @param payoutKey what the voucher pays, once: a payout of a refund ({@code refundId@payoutId}) or a reversal
 *                  ({@code reversal:<number>}); the store issues one voucher per key
 */
public record Voucher(String number, String siteId, int year, long seq, String refundId, String unitId, String unitLabel,
                      String reason, Money amount, PaymentMethod method, String reference, String payee, String paidBy,
                      String paidByName, Instant paidAt, LocalDate businessDay, boolean closed, Voiding voided,
                      String payoutKey, String reverses, String reversedBy) {

    public static final String REVERSAL = "REVERSAL";

    public Voucher(String number, String siteId, int year, long seq, String refundId, String unitId, String unitLabel,
                   String reason, Money amount, PaymentMethod method, String reference, String payee, String paidBy,
                   String paidByName, Instant paidAt, LocalDate businessDay, boolean closed, Voiding voided) {
        this(number, siteId, year, seq, refundId, unitId, unitLabel, reason, amount, method, reference, payee, paidBy, paidByName, paidAt,
                businessDay, closed, voided, null, null, null);
    }

    public static String number(String site, int year, long seq) {
        return "FK-" + site + "-" + year + "-" + String.format("%06d", seq);
    }

    /** The key of a refund's payout: a retry of it finds the same voucher, another payout (a part, or after a void or reversal) gets its own. */
    public static String payoutKey(String refundId, String payoutId) {
        return refundId + "@" + payoutId;
    }

    public static String reversalKey(String number) {
        return "reversal:" + number;
    }

    public boolean counts() {
        return voided == null;
    }

    public boolean reversal() {
        return reverses != null;
    }
}
