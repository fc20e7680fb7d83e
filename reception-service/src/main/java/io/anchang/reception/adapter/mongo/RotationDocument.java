package io.anchang.reception.adapter.mongo;

import io.anchang.reception.domain.Rotation;
import org.springframework.data.annotation.Id;

import java.time.LocalDate;
import java.util.List;

/** A rotation as stored, one per site and day ({@code SH01:2026-11-27}). */
record RotationDocument(@Id String id, String siteId, String day, List<Rotation.Rep> order, String setBy, long revision) {

    static final String COLLECTION = "rotations";

    static RotationDocument of(Rotation rotation) {
        return new RotationDocument(rotation.siteId() + ":" + rotation.day(), rotation.siteId(), rotation.day().toString(),
                rotation.order(), rotation.setBy(), rotation.revision());
    }

    Rotation rotation() {
        return new Rotation(siteId, LocalDate.parse(day), order == null ? List.of() : order, setBy, revision);
    }
}
