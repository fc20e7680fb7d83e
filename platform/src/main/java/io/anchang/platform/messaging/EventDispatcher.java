package io.anchang.platform.messaging;

import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.mongo.AppliedEvents;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.web.CorrelationId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Reads each record as an {@link EventEnvelope} and gives it to the handlers that want
 * its type and version, each at most once per event id. The record's correlation id is
 * in the log of everything done for it.
 * <p>
 * What a failure means decides what happens to the record: a record that is no event this
 * service can read, or that a handler refuses as invalid, is poison
 * ({@link MalformedEventException}) and goes to the dead-letter topic at once; any other
 * failure passes ({@link RetryableEventFailure}) and the record is tried again until it
 * is applied.
 * <p>
 * Each handler's writes through the store carry the event as applied in the same atomic
 * document update ({@link AppliedEvents}), so that a crash between applying and recording
 * the event in {@link ConsumedEvents} does not apply it twice when it comes again.
 */
public final class EventDispatcher implements MessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<EventHandler> handlers;
    private final ConsumedEvents consumed;
    private final JsonMapper mapper;

    public EventDispatcher(List<EventHandler> handlers, ConsumedEvents consumed, JsonMapper mapper) {
        this.handlers = List.copyOf(handlers);
        this.consumed = consumed;
        this.mapper = mapper;
    }

    public List<String> topics() {
        return handlers.stream().map(EventHandler::topic).distinct().toList();
    }

    @Override
    public void onMessage(ConsumerRecord<String, String> record) {
        String correlation = header(record, CorrelationId.KAFKA_HEADER);
        try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.KEY, correlation == null ? "" : correlation)) {
            EventEnvelope envelope = read(record);
            for (EventHandler handler : handlers) {
                if (!handler.topic().equals(record.topic()) || !handler.handles(envelope.type(), envelope.version())) {
                    continue;
                }
                try {
                    apply(handler, envelope, record, correlation);
                } catch (MalformedEventException poison) {
                    throw poison;
                } catch (ProblemException refused) {
                    if (refused.status() >= 500) {
                        throw retryable(record, handler, envelope, refused);
                    }
                    // the handler's rules say no to this event: trying again cannot change that
                    throw new MalformedEventException(handler.name() + " refused " + envelope.type() + " " + envelope.eventId()
                            + ": " + refused.getMessage(), refused);
                } catch (RuntimeException passing) {
                    throw retryable(record, handler, envelope, passing);
                }
            }
        }
    }

    private void apply(EventHandler handler, EventEnvelope envelope, ConsumerRecord<String, String> record, String correlation) {
        if (Boolean.TRUE.equals(consumed.seen(handler.name(), envelope.eventId()).block(TIMEOUT))) {
            log.info("{} already applied {} {}", handler.name(), envelope.type(), envelope.eventId());
            return;
        }
        handler.handle(envelope)
                .contextWrite(context -> AppliedEvents.applying(
                        correlation == null ? context : context.put(CorrelationId.KEY, correlation), handler.name(), envelope.eventId()))
                .block(TIMEOUT);
        consumed.remember(handler.name(), envelope.eventId()).block(TIMEOUT);
        log.info("{} applied {} {} of site {} from {}-{}@{}", handler.name(), envelope.type(), envelope.eventId(),
                envelope.siteId(), record.topic(), record.partition(), record.offset());
    }

    private static RetryableEventFailure retryable(ConsumerRecord<String, String> record, EventHandler handler,
                                                   EventEnvelope envelope, RuntimeException cause) {
        log.warn("{} could not apply {} {} yet ({}); it is tried again", handler.name(), envelope.type(), envelope.eventId(),
                cause.toString());
        return new RetryableEventFailure(new TopicPartition(record.topic(), record.partition()),
                handler.name() + " could not apply " + envelope.type() + " " + envelope.eventId() + " yet: " + cause, cause);
    }

    private EventEnvelope read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new MalformedEventException("record without a value at " + record.topic() + "-" + record.partition() + "@" + record.offset(), null);
        }
        try {
            EventEnvelope envelope = mapper.readValue(record.value(), EventEnvelope.class);
            if (envelope.eventId() == null || envelope.type() == null || envelope.payload() == null) {
                throw new MalformedEventException("record at " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " is not an event envelope (eventId, type and payload are required)", null);
            }
            return envelope;
        } catch (JacksonException e) {
            throw new MalformedEventException("record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " is not valid event JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
