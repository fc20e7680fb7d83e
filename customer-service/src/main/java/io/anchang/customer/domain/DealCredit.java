package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.Share;

import java.time.Instant;
import java.util.List;

/** The credit a deal took from the claims valid when its big deposit was signed (R-ATT-17). */
public record DealCredit(String dealId, Instant validAt, List<Share> shares, String ruleId, String explanation,
                         boolean needsManagerRuling, String status) {

    public DealCredit {
        shares = List.copyOf(shares);
    }
}
