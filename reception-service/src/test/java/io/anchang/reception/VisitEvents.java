package io.anchang.reception;

import io.anchang.platform.events.Topics;
import io.anchang.testing.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What the reception topic says about some visits, read from the beginning as a new consumer group would: each
 * visit's event types in the order consumers receive them (one visit's events share a key, so a partition).
 */
final class VisitEvents {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private VisitEvents() {
    }

    /**
     * Reads until {@code enough} holds for what was found (at most 30 s; whatever is there then, if never), and
     * a moment longer, so that a second copy of an event shows too.
     */
    static Map<String, List<String>> of(Collection<String> visitIds, Predicate<Map<String, List<String>>> enough) {
        Set<String> wanted = Set.copyOf(visitIds);
        Map<String, List<String>> found = new LinkedHashMap<>();
        visitIds.forEach(id -> found.put(id, new ArrayList<>()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "visit-events-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RECEPTION));
            Instant deadline = Instant.now().plusSeconds(30);
            while (!enough.test(found) && Instant.now().isBefore(deadline)) {
                read(consumer, Duration.ofMillis(300), wanted, found);
            }
            read(consumer, Duration.ofSeconds(1), wanted, found);
        }
        return found;
    }

    /** Reads until every visit has one {@code reception.visit-registered}, or the time is up. */
    static Map<String, List<String>> registered(Collection<String> visitIds) {
        return of(visitIds, found -> found.values().stream().allMatch(types -> types.contains("reception.visit-registered")));
    }

    private static void read(KafkaConsumer<String, String> consumer, Duration wait, Set<String> wanted,
                             Map<String, List<String>> found) {
        for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
            JsonNode envelope = MAPPER.readTree(record.value());
            String visitId = envelope.path("payload").path("visitId").asString();
            if (wanted.contains(visitId)) {
                found.get(visitId).add(envelope.path("type").asString());
            }
        }
    }
}
