package io.anchang.reporting.domain;

import java.util.List;

/**
 * A register entry the reports keep from events — a visit, a call, a customer, a deal, a unit,
 * a payment — and what it contributes to the sheets in its present state.
 */
public interface Entry {

    String id();

    String siteId();

    Seen seen();

    /** This entry having applied {@code eventId}. */
    Entry seeing(String eventId);

    List<Contribution> contributions();
}
