package io.anchang.platform.messaging;

import io.anchang.platform.events.Topics;
import io.anchang.platform.testapp.TestApp;
import io.anchang.platform.testapp.TestApp.Counted;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.SharedKafka;
import io.anchang.testing.TestEvents;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record a consumer cannot process — not JSON, not an envelope, or failing every retry —
 * lands on the topic's dead-letter topic, and the partition moves on to the next record.
 */
@SpringBootTest(classes = TestApp.class)
class DeadLetterIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "platform-dlt-it");
    }

    @Autowired
    ReactiveMongoTemplate template;

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        String key = "k-" + UUID.randomUUID();
        String garbage = "{not json at all " + UUID.randomUUID();
        TestEvents.send(TestApp.TOPIC, key, garbage, "corr-garbage");
        String after = "after-" + UUID.randomUUID();
        TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", key, new Counted(after, 1), null);

        await().atMost(Duration.ofSeconds(60)).until(() -> template.findById(after, Document.class, "tallies").block() != null);
        assertThat(deadLetters()).anySatisfy(record -> {
            assertThat(record.value()).isEqualTo(garbage);
            assertThat(record.key()).isEqualTo(key);
        });
    }

    @Test
    void aRecordThatIsNotAnEnvelopeGoesToTheDeadLetterTopic() {
        String key = "k-" + UUID.randomUUID();
        String notAnEnvelope = "{\"hello\":\"" + UUID.randomUUID() + "\"}";
        TestEvents.send(TestApp.TOPIC, key, notAnEnvelope, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters().stream().anyMatch(r -> notAnEnvelope.equals(r.value())));
    }

    @Test
    void anEventThatFailsEveryRetryGoesToTheDeadLetterTopicAndTheNextIsApplied() {
        String poisoned = "poison-" + UUID.randomUUID();
        TestApp.POISON.add(poisoned);
        String key = "k-" + UUID.randomUUID();
        UUID poisonEvent = TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", key, new Counted(poisoned, 1), null);
        String healthy = "healthy-" + UUID.randomUUID();
        TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", key, new Counted(healthy, 1), null);

        await().atMost(Duration.ofSeconds(60)).until(() -> template.findById(healthy, Document.class, "tallies").block() != null);
        assertThat(template.findById(poisoned, Document.class, "tallies").block()).isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().stream().anyMatch(r -> r.value().contains(poisonEvent.toString())));
    }

    private static List<ConsumerRecord<String, String>> deadLetters() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(TestApp.TOPIC)));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long until = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < until) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
