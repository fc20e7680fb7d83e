package io.anchang.customer.domain;

import java.time.Instant;

/**
 * R-CUS-3: the mark on a record that a MANAGER found to be the same person as {@code into}, the
 * record registered earliest. While {@code complete} is false the record is being merged: it is
 * frozen, and whoever finds it finishes the merge first. Complete, the record is a tombstone:
 * every lookup of its id or phones leads to {@code into}.
 *
 * @param id the merge, the same on every retry of it ({@link #idOf})
 */
public record Merge(String id, String into, String by, Instant at, String reason, boolean complete) {

    /** The merge of {@code absorbedId} into {@code survivorId}: a retry of the same merge makes the same id. */
    public static String idOf(String survivorId, String absorbedId) {
        return Customer.idOf("merge", survivorId + ">" + absorbedId);
    }

    Merge completed() {
        return new Merge(id, into, by, at, reason, true);
    }

    Merge redirectedTo(String survivorId) {
        return new Merge(id, survivorId, by, at, reason, complete);
    }
}
