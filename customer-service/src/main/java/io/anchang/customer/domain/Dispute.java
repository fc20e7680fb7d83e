package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.Share;

import java.time.Instant;
import java.util.List;

/**
 * R-ATT-16: reps at odds over a customer (客户交叉). Settled amicably, ruled by the MANAGER, or —
 * when the reps quarrel — the unit's credit and bonus go to the department. Every ruling keeps
 * its reason.
 *
 * @param outcome null while open; AMICABLE, RULED or DEPARTMENT
 */
public record Dispute(String id, List<String> parties, String openedBy, Instant openedAt, String reason,
                      String outcome, String ownerRep, List<Share> shares, String ruling, String ruledBy, Instant ruledAt) {

    public Dispute {
        parties = List.copyOf(parties);
        shares = shares == null ? List.of() : List.copyOf(shares);
    }

    public boolean open() {
        return outcome == null;
    }
}
