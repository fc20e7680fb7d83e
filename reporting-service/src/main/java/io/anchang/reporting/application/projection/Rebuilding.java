package io.anchang.reporting.application.projection;

/** Starts a rebuild and tells how the read models stand (the ADMIN's command, R-RPT). */
public interface Rebuilding {

    /** Starts replaying every topic from its start into a new generation; empty if a rebuild is under way. */
    java.util.Optional<ProjectionStatus> rebuild(String requestedBy);

    ProjectionStatus status();
}
