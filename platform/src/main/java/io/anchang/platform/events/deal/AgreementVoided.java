package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * R-DEAL-5: an issued subscription agreement was voided — never edited — and a new one is issued in its
 * place (its number follows in {@code deal.agreement-issued}). Both stay on record, with who keeps the
 * signed paper copies of the voided one (九3).
 *
 * @param cause       CORRECTION (a MANAGER's correction), NAME_CHANGE (R-DEAL-8 before the contract) or
 *                    UNIT_CHANGE (R-DEAL-7: the deposit moved to another unit)
 * @param paperKeeper who keeps the signed paper copies of the voided agreement
 */
@EventContract(type = "deal.agreement-voided", version = 1, topic = Topics.DEAL)
public record AgreementVoided(String dealId, String siteId, String unitId, String unitLabel, String agreementNo,
                              String cause, String reason, String paperKeeper, String voidedBy, Instant voidedAt) {
}
