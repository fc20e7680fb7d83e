package io.anchang.platform.messaging;

import io.anchang.platform.events.EventEnvelope;
import reactor.core.publisher.Mono;

/**
 * Applies events of one topic to this service's state. The dispatcher calls it at most
 * once per event id that it has completed (see {@link ConsumedEvents}); and each document
 * the handler writes through {@link io.anchang.platform.mongo.ScopedMongo} carries the
 * event as applied in the same atomic write ({@link io.anchang.platform.mongo.AppliedEvents}),
 * so a crash between applying and remembering does not double the effect when the event
 * comes again. A handler throws {@link MalformedEventException} (or a 4xx problem) for an
 * event it can never apply; anything else it throws is retried until it passes.
 */
public interface EventHandler {

    /** A stable name: the idempotency records are kept under it. */
    String name();

    String topic();

    boolean handles(String type, int version);

    Mono<Void> handle(EventEnvelope envelope);
}
