package io.anchang.reporting.adapter.mongo;

import io.anchang.reporting.domain.RotationView;
import org.springframework.data.annotation.Id;

import java.time.LocalDate;
import java.util.List;

/** A rotation view as stored, one per site and day ({@code SH01:2026-11-27}). */
record RotationViewDocument(@Id String id, String siteId, String day, List<RotationView.Rep> order, String setBy,
                            long revision, String eventId) {

    static final String COLLECTION = "rotation_views";

    static String id(String site, LocalDate day) {
        return site + ":" + day;
    }

    static RotationViewDocument of(RotationView view) {
        return new RotationViewDocument(id(view.siteId(), view.day()), view.siteId(), view.day().toString(), view.order(),
                view.setBy(), view.revision(), view.eventId());
    }

    RotationView view() {
        return new RotationView(siteId, LocalDate.parse(day), order == null ? List.of() : order, setBy, revision, eventId);
    }
}
