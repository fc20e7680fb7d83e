package io.anchang.platform.messaging;

import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.web.CorrelationId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * in the log of everything done for it. An unreadable record raises
 * {@link MalformedEventException}, which sends it to the dead-letter topic.
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
                if (Boolean.TRUE.equals(consumed.seen(handler.name(), envelope.eventId()).block(TIMEOUT))) {
                    log.info("{} already applied {} {}", handler.name(), envelope.type(), envelope.eventId());
                    continue;
                }
                handler.handle(envelope)
                        .contextWrite(context -> correlation == null ? context : context.put(CorrelationId.KEY, correlation))
                        .block(TIMEOUT);
                consumed.remember(handler.name(), envelope.eventId()).block(TIMEOUT);
                log.info("{} applied {} {} of site {} from {}-{}@{}", handler.name(), envelope.type(), envelope.eventId(),
                        envelope.siteId(), record.topic(), record.partition(), record.offset());
            }
        }
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

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
