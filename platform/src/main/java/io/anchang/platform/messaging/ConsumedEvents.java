package io.anchang.platform.messaging;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

import java.util.Date;
import java.util.UUID;

/** Which events each handler has applied, by event id: delivery is at least once, effect once. */
public final class ConsumedEvents {

    public static final String COLLECTION = "consumed_events";

    private final ReactiveMongoTemplate template;

    public ConsumedEvents(ReactiveMongoTemplate template) {
        this.template = template;
    }

    public Mono<Boolean> seen(String handler, UUID eventId) {
        return template.findById(id(handler, eventId), Document.class, COLLECTION).hasElement();
    }

    public Mono<Void> remember(String handler, UUID eventId) {
        return template.insert(new Document("_id", id(handler, eventId)).append("at", new Date()), COLLECTION)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
                .then();
    }

    private static String id(String handler, UUID eventId) {
        return handler + "/" + eventId;
    }
}
