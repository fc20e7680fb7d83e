package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * R-DEAL-6: the contract's online filing (网签) status changed.
 *
 * @param status SUBMITTED, FILED or REJECTED
 */
@EventContract(type = "deal.contract-filed", version = 1, topic = Topics.DEAL)
public record ContractFiled(String dealId, String siteId, String unitId, String contractId, String status, String filingNo,
                            String note, String recordedBy, Instant recordedAt) {
}
