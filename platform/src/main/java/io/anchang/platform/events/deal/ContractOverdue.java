package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * R-DEAL-6: a big deposit's contract day ({@code contractDays} after it) passed without a contract: announced once per
 * deal, on the first day after it (in the site's time zone) that deal-service's check runs.
 *
 * @param contractDueOn the last day to sign
 * @param detectedOn    the site's day on which it was found overdue
 */
@EventContract(type = "deal.contract-overdue", version = 1, topic = Topics.DEAL)
public record ContractOverdue(String dealId, String siteId, String unitId, String unitLabel, String customerId, String repUserId,
                              LocalDate contractDueOn, LocalDate detectedOn, Instant detectedAt) {
}
