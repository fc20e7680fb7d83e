package io.anchang.reporting.adapter.kafka;

import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.events.reception.RotationSet;
import io.anchang.platform.messaging.MalformedEventException;
import io.anchang.platform.messaging.TypedEventHandler;
import io.anchang.reporting.application.TrackingRotations;
import io.anchang.reporting.domain.RotationView;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the rotation views from reception's {@code reception.rotation-set} events (R-REC-1). */
public final class RotationViewHandler extends TypedEventHandler<RotationSet> {

    private final TrackingRotations rotations;

    public RotationViewHandler(TrackingRotations rotations, JsonMapper mapper) {
        super(RotationSet.class, mapper);
        this.rotations = rotations;
    }

    @Override
    public String name() {
        return "reporting.rotation-view";
    }

    @Override
    protected Mono<Void> handle(EventEnvelope envelope, RotationSet payload) {
        if (payload.siteId() == null || payload.day() == null || payload.order() == null) {
            throw new MalformedEventException("rotation-set " + envelope.eventId() + " lacks its site, day or order", null);
        }
        return rotations.rotationSet(new RotationView(payload.siteId(), payload.day(),
                payload.order().stream().map(rep -> new RotationView.Rep(rep.userId(), rep.name())).toList(),
                payload.setBy(), payload.revision(), envelope.eventId().toString()));
    }
}
