package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.Share;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a visit arranged about the credit and the bonus, applied if the deal is made while the
 * owner's claim it belongs to stands (R-ATT-17). The latest arrangement proposes the shares.
 *
 * @param holder the rep who holds the credit (B for a helper, A for a refused owner, …)
 * @param other  the second rep of the split
 * @param creditTo who takes the whole credit; null where the credit splits like the bonus (R-ATT-11)
 * @param day    the visit's day in the site's calendar (a helper's split depends on a deal that same day)
 * @param shares for a ruling: the shares the MANAGER ruled
 */
public record Arrangement(String visitId, Kind kind, Instant at, LocalDate day, String holder, String other,
                          String creditTo, String ruleId, String complaintId, List<Share> shares) {

    public Arrangement {
        shares = shares == null ? List.of() : List.copyOf(shares);
    }

    public enum Kind {
        /** R-ATT-7: C received for the owner B; credit B; bonus B/C 50/50 the same day, 80/20 later */
        HELPER,
        /** R-ATT-5: the customer turned B down for A; credit A; bonus A/B 80/20 */
        REFUSED_OWNER,
        /** R-ATT-6: the customer complained about B; until verified as R-ATT-5, verified A 100 */
        COMPLAINT,
        /** R-ATT-10: A received, then found B, whose claim was valid; credit to who follows up; bonus A/B 50/50 */
        FORGOTTEN,
        /** R-ATT-11: asked for A by name on a later visit; credit and bonus A/prior owner 50/50 */
        NAMED_LATER,
        /** R-ATT-16: the MANAGER ruled, or the reps agreed, or the department takes it */
        RULING
    }
}
