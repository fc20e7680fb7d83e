package io.anchang.customer.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * R-ATT-6: the customer complained about their owner {@code against} and refused them; the
 * serving rep {@code lodgedBy} told the SUPERVISOR and the owner. A SUPERVISOR verifies it.
 * The complaint is lodged at once, also when nobody but the owner was free and the customer
 * waits for another rep: {@code lodgedBy} is null until that rep takes them.
 *
 * @param status PENDING, VERIFIED or REJECTED
 */
public record Complaint(String id, String visitId, String against, String lodgedBy, String text, Instant at,
                        String status, String checkedBy, Instant checkedAt, String note) {

    /** The complaint lodged at a visit: one per visit, the same id however often the visit is decided. */
    public static String idFor(String visitId) {
        return UUID.nameUUIDFromBytes(("complaint:" + visitId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public boolean pending() {
        return "PENDING".equals(status);
    }

    public Complaint checked(boolean verified, String by, Instant when, String note) {
        return new Complaint(id, visitId, against, lodgedBy, text, at, verified ? "VERIFIED" : "REJECTED", by, when, note);
    }

    /** The rep who took the waiting customer serves them: they lodged it. */
    Complaint lodgedBy(String rep) {
        return lodgedBy != null || rep == null ? this : new Complaint(id, visitId, against, rep, text, at, status, checkedBy, checkedAt, note);
    }
}
