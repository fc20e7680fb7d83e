package io.anchang.platform.events.customer;

import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.util.List;

/**
 * The attribution rules were applied to a visit or call (R-ATT), or applied again when the
 * desk's facts arrived later (a waiting customer taken, a degraded visit reconciled, an
 * earlier rep found, R-ATT-10). reception-service reconciles its register and rotation from
 * it and tells the owner when a helper served their customer.
 *
 * @param turnGivenBackTo the rep whose rotation turn is given back, or null
 * @param namedTurnOf     R-REC-6: the rep asked for by name whose turn the visit used, whoever served
 */
@EventContract(type = "customer.visit-attributed", version = 1, topic = Topics.CUSTOMER)
public record VisitAttributed(String visitId, String siteId, String customerId, String archiveNo, String phoneMasked,
                              String servedBy, ServingRole role, boolean usesTurn, String ownerRep,
                              String previousOwner, String ruleId, String rule, List<Share> shares,
                              String turnGivenBackTo, Instant at, String namedTurnOf) {

    public VisitAttributed(String visitId, String siteId, String customerId, String archiveNo, String phoneMasked,
                           String servedBy, ServingRole role, boolean usesTurn, String ownerRep,
                           String previousOwner, String ruleId, String rule, List<Share> shares,
                           String turnGivenBackTo, Instant at) {
        this(visitId, siteId, customerId, archiveNo, phoneMasked, servedBy, role, usesTurn, ownerRep, previousOwner, ruleId, rule,
                shares, turnGivenBackTo, at, null);
    }
}
