package io.anchang.customer.domain;

import java.time.Instant;
import java.util.List;

/**
 * R-CUS-3: a record merged into this one, as the survivor keeps it: the merge (so that folding
 * it in again changes nothing), the absorbed record's own registration, and the arrangements that
 * the merge set aside — made for a claim that does not stand after it, kept but no longer
 * proposing shares.
 *
 * @param disputeId the dispute opened for the MANAGER when the rules could not say whose claim stands (R-ATT-16)
 * @param setAside  the arrangements of the record whose claim does not stand, made while the standing one ran
 */
public record Absorbed(String mergeId, String customerId, String archiveNo, String name, Instant registeredAt,
                       String registeredBy, String source, String by, Instant at, String reason, String disputeId,
                       List<Arrangement> setAside) {

    public Absorbed {
        setAside = setAside == null ? List.of() : List.copyOf(setAside);
    }
}
