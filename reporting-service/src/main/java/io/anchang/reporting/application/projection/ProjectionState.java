package io.anchang.reporting.application.projection;

import java.time.Instant;
import java.util.Optional;

/** The generations of the read models and their stores. */
public interface ProjectionState {

    /** The generations, created with generation 1 active on first use. */
    Generations generations();

    /** Starts a rebuild into the next generation, unless one is under way; the generations after. */
    Optional<Generations> startRebuild(String requestedBy, Instant at);

    /** Makes {@code building} the active generation if it still is the one being built; true if it did. */
    boolean swap(int from, int building, Instant at);

    /** The store of one generation. */
    ProjectionStore store(int generation);

    /** Removes the read models of generations other than these. */
    void dropOthers(int... keep);
}
