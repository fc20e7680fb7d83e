package io.anchang.platform.events.reception;

import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A rep on duty went OUT or came back, or their owed turns changed (R-REC-2).
 *
 * @param owed   the turns the rotation owes the rep now
 * @param reason OUT, BACK, TURN_GIVEN_BACK
 */
@EventContract(type = "reception.rep-status-changed", version = 1, topic = Topics.RECEPTION)
public record RepStatusChanged(String siteId, LocalDate day, String rep, RepStatus status, int owed, String reason,
                               Instant at) {
}
