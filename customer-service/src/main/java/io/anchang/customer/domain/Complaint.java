package io.anchang.customer.domain;

import java.time.Instant;

/**
 * R-ATT-6: the customer complained about their owner {@code against} and refused them; the
 * serving rep {@code lodgedBy} told the SUPERVISOR and the owner. A SUPERVISOR verifies it.
 *
 * @param status PENDING, VERIFIED or REJECTED
 */
public record Complaint(String id, String visitId, String against, String lodgedBy, String text, Instant at,
                        String status, String checkedBy, Instant checkedAt, String note) {

    public boolean pending() {
        return "PENDING".equals(status);
    }

    public Complaint checked(boolean verified, String by, Instant when, String note) {
        return new Complaint(id, visitId, against, lodgedBy, text, at, verified ? "VERIFIED" : "REJECTED", by, when, note);
    }
}
