package io.anchang.reception.domain;

import java.time.Instant;

/**
 * Something a user must be told (each user's inbox): the owner when a helper served their
 * customer (R-ATT-7), the SUPERVISOR and the owner of a complaint (R-ATT-6), the reps of a
 * redistribution (R-ATT-15), the parties of a ruling (R-ATT-16).
 *
 * @param ref what it is about: a visit, complaint, draw or dispute id
 */
public record InboxMessage(String id, String siteId, String userId, Instant at, String kind, String ruleId, String text,
                           String ref, boolean read) {
}
