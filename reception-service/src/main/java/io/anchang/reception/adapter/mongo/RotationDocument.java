package io.anchang.reception.adapter.mongo;

import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.reception.domain.Rotation;
import org.springframework.data.annotation.Id;

import java.time.LocalDate;
import java.util.List;

/**
 * A site's desk of one day as stored ({@code SH01:2026-11-27}): the rotation, presence, owed turns,
 * the queue. Rotations stored before the desk kept presence read as everyone AVAILABLE, owed nothing.
 */
record RotationDocument(@Id String id, String siteId, String day, List<RepDocument> order, String setBy, long revision,
                        Boolean eventMode, List<Rotation.Waiting> queue, List<String> givenBack, Long version) {

    static final String COLLECTION = "rotations";

    /** A rep on the desk as stored; fields a rotation of an older version lacks read as their defaults. */
    record RepDocument(String userId, String name, RepStatus status, Integer owed, Rotation.Serving serving, String heldFor) {

        static RepDocument of(Rotation.Rep rep) {
            return new RepDocument(rep.userId(), rep.name(), rep.status(), rep.owed(), rep.serving(), rep.heldFor());
        }

        Rotation.Rep rep() {
            return new Rotation.Rep(userId, name, status, owed == null ? 0 : owed, serving, heldFor);
        }
    }

    static RotationDocument of(Rotation rotation) {
        return new RotationDocument(rotation.siteId() + ":" + rotation.day(), rotation.siteId(), rotation.day().toString(),
                rotation.order().stream().map(RepDocument::of).toList(), rotation.setBy(), rotation.revision(), rotation.eventMode(),
                rotation.queue(), rotation.givenBack(), null);
    }

    Rotation rotation() {
        return new Rotation(siteId, LocalDate.parse(day), order == null ? List.of() : order.stream().map(RepDocument::rep).toList(),
                setBy, revision, Boolean.TRUE.equals(eventMode), queue, givenBack);
    }
}
