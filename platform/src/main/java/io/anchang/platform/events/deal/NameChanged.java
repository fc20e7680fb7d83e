package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * R-DEAL-8: the buyer of a deal changed — after the contract once FINANCE recorded the transfer fee
 * ({@code receiptNo}), before it as a void and reissue of the agreement without fee. Phones masked (R-SEC-3).
 */
@EventContract(type = "deal.name-changed", version = 1, topic = Topics.DEAL)
public record NameChanged(String nameChangeId, String dealId, String siteId, String unitId, String unitLabel,
                          String fromName, String toName, String toPhoneMasked, boolean afterContract, BigDecimal fee,
                          String receiptNo, Instant changedAt) {
}
