package io.anchang.customer.adapter.mongo;

import io.anchang.customer.domain.Draw;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.util.List;

/** A redistribution draw as stored, with its seed and result (R-ATT-15). */
record DrawDocument(@Id String id, String siteId, String fromRep, List<String> toReps, long seed,
                    List<Draw.Assignment> assignments, String reason, String drawnBy, Instant at) {

    static final String COLLECTION = "draws";

    static DrawDocument of(Draw d) {
        return new DrawDocument(d.id(), d.siteId(), d.fromRep(), d.toReps(), d.seed(), d.assignments(), d.reason(), d.drawnBy(), d.at());
    }

    Draw draw() {
        return new Draw(id, siteId, fromRep, toReps, seed, assignments, reason, drawnBy, at);
    }
}
