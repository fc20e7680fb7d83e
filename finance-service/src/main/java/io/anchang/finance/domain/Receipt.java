package io.anchang.finance.domain;

import io.anchang.platform.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A receipt (收据) for a payment FINANCE recorded (R-FIN-1): its number is unique and gap-free per site
 * and year, {@code SH01-2026-000123}. A receipt is never deleted: it is voided with a reason on its own day,
 * keeping its number, or — once its day is closed — reversed by a new receipt with the negative amount on a
 * later day (R-FIN-7).
 *
 * @param kind   SMALL or BIG for a deposit, else what the payment was due for (DOWN_PAYMENT, INSTALMENT, MORTGAGE,
 *               TRANSFER_FEE, PENALTY), or REVERSAL
 * @param ledger where it stands in the desk's books; {@link Ledger#NONE} for receipts written before it was kept
 */
public record Receipt(String number, String siteId, int year, long seq, String requestId, String unitId, String unitLabel,
                      String customerName, String repName, String kind, Money amount, PaymentMethod method, String reference,
                      String confirmedBy, String confirmedByName, Instant confirmedAt, Ledger ledger) {

    public Receipt {
        ledger = ledger == null ? Ledger.NONE : ledger;
    }

    public Receipt(String number, String siteId, int year, long seq, String requestId, String unitId, String unitLabel,
                   String customerName, String repName, String kind, Money amount, PaymentMethod method, String reference,
                   String confirmedBy, String confirmedByName, Instant confirmedAt) {
        this(number, siteId, year, seq, requestId, unitId, unitLabel, customerName, repName, kind, amount, method, reference,
                confirmedBy, confirmedByName, confirmedAt, Ledger.NONE);
    }

    public static String number(String site, int year, long seq) {
        return site + "-" + year + "-" + String.format("%06d", seq);
    }

    /**
     * A receipt in the desk's books.
     *
     * @param dueId       the amount due it pays, or null for a deposit
     * @param businessDay the desk's day it is booked on (site calendar); null for receipts written before days were kept
     * @param closed      whether its day was closed with it counted (日结)
     * @param voided      its void, if voided
     * @param reverses    for a reversing entry: the receipt it reverses
     * @param reversedBy  the reversing entry that corrected it on a later day
     */
    public record Ledger(String dueId, String dealId, LocalDate businessDay, boolean closed, Voiding voided, String reverses,
                         String reversedBy) {

        public static final Ledger NONE = new Ledger(null, null, null, false, null, null, null);
    }

    /** Whether it counts in the day's money: not voided. */
    public boolean counts() {
        return ledger.voided() == null;
    }

    /** Whether it records a deposit (flow 2) rather than a payment against an amount due. */
    public boolean deposit() {
        return "SMALL".equals(kind) || "BIG".equals(kind);
    }
}
