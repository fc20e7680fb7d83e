package io.anchang.reporting.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * A site's rotation (排序表) of one day as reported (R-REC-1): the reps on duty in turn
 * order, who set it, and the revision and event it was taken from. A view only moves
 * forward: the revision it holds, or an older one, arriving again changes nothing.
 *
 * @param eventId the event this state was taken from
 */
public record RotationView(String siteId, LocalDate day, List<Rep> order, String setBy, long revision, String eventId) {

    public RotationView {
        order = List.copyOf(order);
    }

    /** A rep on duty, in turn order. */
    public record Rep(String userId, String name) {
    }
}
