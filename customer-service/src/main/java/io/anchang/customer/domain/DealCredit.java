package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.Share;

import java.time.Instant;
import java.util.List;

/** The credit a deal took from the claims valid when its big deposit was signed (R-ATT-17). */
public record DealCredit(String dealId, Instant validAt, List<Share> shares, String ruleId, String explanation,
                         boolean needsManagerRuling, String status) {

    /** R-ATT-17: provisional from the big deposit until the contract. */
    public static final String PROVISIONAL = "PROVISIONAL";
    /** R-ATT-17: final at the contract. */
    public static final String FINAL = "FINAL";
    /** R-ATT-17: reversed when the deal is refunded or cancelled for breach. */
    public static final String REVERSED = "REVERSED";

    public DealCredit {
        shares = List.copyOf(shares);
    }

    /**
     * R-ATT-17: the shares become FINAL at the contract, or REVERSED on a refund or a cancellation for breach; a
     * reversal is the end. Empty when nothing changes (the same news again, or news after the reversal).
     */
    public java.util.Optional<DealCredit> settled(String next) {
        if (REVERSED.equals(status) || next.equals(status) || !(FINAL.equals(next) || REVERSED.equals(next))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new DealCredit(dealId, validAt, shares, ruleId, explanation, needsManagerRuling, next));
    }
}
