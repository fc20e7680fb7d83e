package io.anchang.reporting.application.projection;

import java.time.Instant;

/**
 * Which generation of the read models serves the reports, and which one a rebuild is filling.
 * A rebuild replays every topic from its start into a new generation while the active one keeps
 * serving; when the new one has caught up, one atomic write makes it the active one.
 *
 * @param building the generation a rebuild is filling, or 0
 */
public record Generations(int active, int building, String requestedBy, Instant requestedAt, Instant swappedAt) {

    public boolean rebuilding() {
        return building > 0;
    }
}
