package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.LocalDate;
import java.util.List;

/** A MANAGER set who is on duty on a day and in what order (R-REC-1). */
@EventContract(type = "reception.rotation-set", version = 1, topic = Topics.RECEPTION)
public record RotationSet(String siteId, LocalDate day, List<Rep> order, String setBy, long revision) {

    /** A rep in the rotation, in turn order. */
    public record Rep(String userId, String name) {
    }
}
