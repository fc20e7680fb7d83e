package io.anchang.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Publishes events to the JVM's broker as another service would: the envelope as JSON,
 * the aggregate id as key, the correlation id as header. For consumer tests.
 */
public final class TestEvents {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TestEvents() {
    }

    /** Publishes and waits for the broker's acknowledgement; returns the event id. */
    public static UUID publish(String topic, String type, int version, String siteId, String aggregateId,
                               Object payload, String correlationId) {
        return publish(UUID.randomUUID(), topic, type, version, siteId, aggregateId, payload, correlationId);
    }

    /** Publishes with a given event id: the same id twice is a redelivery. */
    public static UUID publish(UUID eventId, String topic, String type, int version, String siteId, String aggregateId,
                               Object payload, String correlationId) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type);
        envelope.put("version", version);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("siteId", siteId);
        envelope.put("aggregateId", aggregateId);
        envelope.put("actor", "test");
        envelope.set("payload", MAPPER.valueToTree(payload));
        send(topic, aggregateId, MAPPER.writeValueAsString(envelope), correlationId);
        return eventId;
    }

    /** Publishes a raw value (for example a malformed one). */
    public static void send(String topic, String key, String value, String correlationId) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            if (correlationId != null) {
                record.headers().add(new RecordHeader("correlationId", correlationId.getBytes(StandardCharsets.UTF_8)));
            }
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }
}
