package io.anchang.reporting;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.EventContracts;
import io.anchang.platform.events.Topics;
import io.anchang.testing.SharedKafka;
import io.anchang.testing.SharedMongo;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Publishes events as the other services do — the contract records themselves, in their
 * envelope, keyed by aggregate, on the contract's topic — with one producer, and waits until
 * the projection of a service database has applied everything on the topics.
 */
final class ReportEvents {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static KafkaProducer<String, String> producer;

    private ReportEvents() {
    }

    /** Publishes {@code payload} (a contract record) of {@code site} under {@code aggregate}; returns its event id. */
    static UUID publish(String site, String aggregate, Object payload) {
        return publish(UUID.randomUUID(), site, aggregate, payload);
    }

    /** As {@link #publish(String, String, Object)} with a given event id: the same id again is a redelivery. */
    static synchronized UUID publish(UUID eventId, String site, String aggregate, Object payload) {
        EventContract contract = EventContracts.of(payload.getClass());
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", contract.type());
        envelope.put("version", contract.version());
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("siteId", site);
        envelope.put("aggregateId", aggregate);
        envelope.put("actor", "test");
        envelope.set("payload", MAPPER.valueToTree(payload));
        try {
            producer().send(new ProducerRecord<>(contract.topic(), aggregate, MAPPER.writeValueAsString(envelope))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + contract.type(), e);
        }
        return eventId;
    }

    /** Sends a raw record (a malformed one, say). */
    static synchronized void raw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Waits until the active generation of the read models in {@code database} has read every topic to its end as it is now. */
    static void awaitProjected(String database) {
        Map<String, Long> ends = ends();
        try (var client = com.mongodb.client.MongoClients.create(SharedMongo.uri(database))) {
            var db = client.getDatabase(database);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Document generations = db.getCollection("projection_generations").find(new Document("_id", "generations")).first();
                int active = generations == null ? 1 : generations.get("active", Number.class).intValue();
                Document positions = db.getCollection("projection_positions").find(new Document("_id", "g" + active)).first();
                if (positions == null) {
                    return ends.values().stream().allMatch(end -> end == 0);
                }
                Map<String, Long> at = new HashMap<>();
                for (Document p : positions.getList("positions", Document.class)) {
                    at.put(p.getString("topic") + "|" + p.get("partition", Number.class).intValue(), p.get("offset", Number.class).longValue());
                }
                return ends.entrySet().stream().allMatch(e -> at.getOrDefault(e.getKey(), 0L) >= e.getValue());
            });
        }
    }

    /** The end of every partition of the four topics now. */
    static Map<String, Long> ends() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            Map<String, Long> ends = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(10)).forEach((p, end) -> ends.put(p.topic() + "|" + p.partition(), end));
            return ends;
        }
    }
}
