package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * R-DEAL-4: the subscription agreement of a big deposit got its number — claimed after the unit
 * moved, from a register that hands out each number once and only to an agreement that exists,
 * so the numbers run without gaps per site and year.
 */
@EventContract(type = "deal.agreement-issued", version = 1, topic = Topics.DEAL)
public record AgreementIssued(String dealId, String siteId, String unitId, String unitLabel, String agreementNo,
                              Instant issuedAt) {
}
