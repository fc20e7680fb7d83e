package io.anchang.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads a topic of the JVM's broker from the beginning, as a new consumer group would, to
 * find the events a service published: envelopes of a type whose payload matches.
 */
public final class TopicProbe {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TopicProbe() {
    }

    /** Waits (up to 30 s) until the topic holds an event of {@code type} whose payload matches; returns the envelopes that do. */
    public static List<JsonNode> events(String topic, String type, Predicate<JsonNode> payload) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<JsonNode> found = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    JsonNode envelope = MAPPER.readTree(record.value());
                    if (type.equals(envelope.path("type").asString()) && payload.test(envelope.path("payload"))) {
                        found.add(envelope);
                    }
                }
                return !found.isEmpty();
            });
            // what else is there now
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                JsonNode envelope = MAPPER.readTree(record.value());
                if (type.equals(envelope.path("type").asString()) && payload.test(envelope.path("payload"))) {
                    found.add(envelope);
                }
            });
            return found;
        }
    }

    /** Every record on {@code topic} of the JVM's broker now, from the beginning (none if the topic does not exist). */
    public static List<ConsumerRecord<String, String>> records(String topic) {
        return records(SharedKafka.bootstrapServers(), topic);
    }

    /** Every record on {@code topic} now, from the beginning to the end offsets of this moment. */
    public static List<ConsumerRecord<String, String>> records(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < ends.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
