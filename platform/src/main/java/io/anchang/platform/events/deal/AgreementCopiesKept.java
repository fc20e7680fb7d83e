package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/** R-DEAL-5 (九3): who keeps the signed paper copies of an issued agreement was recorded. */
@EventContract(type = "deal.agreement-copies-kept", version = 1, topic = Topics.DEAL)
public record AgreementCopiesKept(String dealId, String siteId, String unitId, String agreementNo, String keeper,
                                  String recordedBy, Instant recordedAt) {
}
