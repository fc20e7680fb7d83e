package io.anchang.platform.messaging;

import io.anchang.platform.events.EventEnvelope;
import reactor.core.publisher.Mono;

/**
 * Applies events of one topic to this service's state. The dispatcher calls it at most
 * once per event id that it has completed (see {@link ConsumedEvents}); a handler whose
 * effect must never be doubled, even after a crash between applying and remembering,
 * makes its own write conditional on the event id as well.
 */
public interface EventHandler {

    /** A stable name: the idempotency records are kept under it. */
    String name();

    String topic();

    boolean handles(String type, int version);

    Mono<Void> handle(EventEnvelope envelope);
}
