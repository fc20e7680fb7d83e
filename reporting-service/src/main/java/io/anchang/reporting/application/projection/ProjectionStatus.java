package io.anchang.reporting.application.projection;

import java.time.Instant;
import java.util.List;

/**
 * How the read models stand: the generation serving the reports, a rebuild under way, and for
 * each generation this instance keeps, the events applied and the records still to read.
 */
public record ProjectionStatus(int active, int building, String requestedBy, Instant requestedAt, Instant swappedAt,
                               boolean keeping, List<Engine> engines) {

    /** One generation being kept. */
    public record Engine(int generation, long events, long lag, boolean caughtUp) {
    }
}
