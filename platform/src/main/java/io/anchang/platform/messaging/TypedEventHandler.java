package io.anchang.platform.messaging;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.EventContracts;
import io.anchang.platform.events.EventEnvelope;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.BiFunction;

/** A handler of one event contract, given the payload as its record. */
public abstract class TypedEventHandler<P> implements EventHandler {

    private final Class<P> payloadType;
    private final EventContract contract;
    private final JsonMapper mapper;

    protected TypedEventHandler(Class<P> payloadType, JsonMapper mapper) {
        this.payloadType = payloadType;
        this.contract = EventContracts.of(payloadType);
        this.mapper = mapper;
    }

    @Override
    public String topic() {
        return contract.topic();
    }

    @Override
    public boolean handles(String type, int version) {
        return contract.type().equals(type) && contract.version() == version;
    }

    @Override
    public Mono<Void> handle(EventEnvelope envelope) {
        P payload;
        try {
            payload = mapper.treeToValue(envelope.payload(), payloadType);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException("the payload of " + envelope.type() + " " + envelope.eventId()
                    + " is not a " + payloadType.getSimpleName() + ": " + e.getMessage(), e);
        }
        return handle(envelope, payload);
    }

    protected abstract Mono<Void> handle(EventEnvelope envelope, P payload);

    /**
     * A handler that gives each payload of {@code payloadType} to {@code handling}.
     *
     * @param name the consumer's name: events are applied once per name and event id, so it never changes
     */
    public static <P> EventHandler of(String name, Class<P> payloadType, JsonMapper mapper,
                                      BiFunction<EventEnvelope, P, Mono<Void>> handling) {
        return new TypedEventHandler<>(payloadType, mapper) {
            @Override
            public String name() {
                return name;
            }

            @Override
            protected Mono<Void> handle(EventEnvelope envelope, P payload) {
                return handling.apply(envelope, payload);
            }
        };
    }
}
