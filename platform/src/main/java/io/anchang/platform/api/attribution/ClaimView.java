package io.anchang.platform.api.attribution;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A rep's claim on the customer (R-ATT-1, R-ATT-2).
 *
 * @param validUntil the last day of protection in the site's calendar
 * @param valid      still protected at the moment of the answer
 * @param owner      the customer's owner of record now
 */
public record ClaimView(String userId, Instant since, LocalDate validUntil, boolean valid, boolean owner, String ruleId) {
}
