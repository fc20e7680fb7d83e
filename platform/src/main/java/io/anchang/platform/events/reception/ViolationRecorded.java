package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A SUPERVISOR or MANAGER recorded a violation and its penalty (R-REC-4). The system records
 * it; payroll is elsewhere.
 *
 * @param kind     GRABBING, FIGHTING, NEGLECT, REFUSING_OWNED_CUSTOMER, PROVOKING_DISPUTE, PRIVATE_COLLECTION, REFUSING_RULING
 * @param severity STANDARD, SEVERE or ADMINISTRATIVE where the kind has degrees
 * @param penalty  the penalty as the policy states it, in Chinese
 */
@EventContract(type = "reception.violation-recorded", version = 1, topic = Topics.RECEPTION)
public record ViolationRecorded(String violationId, String siteId, String rep, String kind, String severity,
                                String penalty, String note, String unitLabel, String visitId, String recordedBy,
                                Instant at) {
}
