package io.anchang.platform.messaging;

import io.anchang.platform.events.Topics;
import io.anchang.platform.testapp.TestApp;
import io.anchang.platform.testapp.TestApp.Counted;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TopicProbe;
import io.anchang.testing.TestEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison record — not JSON, not an envelope, a payload that is not its contract — lands
 * on the topic's dead-letter topic, and the partition moves on to the next record.
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
    void anEventWhosePayloadIsNotItsContractGoesToTheDeadLetterTopicAndTheNextIsApplied() {
        String key = "k-" + UUID.randomUUID();
        UUID invalid = TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", key,
                Map.of("counterId", "bad-" + UUID.randomUUID(), "seq", "not a number"), null);
        String healthy = "healthy-" + UUID.randomUUID();
        TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", key, new Counted(healthy, 1), null);

        await().atMost(Duration.ofSeconds(60)).until(() -> template.findById(healthy, Document.class, "tallies").block() != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().stream().anyMatch(r -> r.value().contains(invalid.toString())));
    }

    @Test
    void aDeadLetterNamesTheConsumerGroupThatGaveUpOnIt() {
        String key = "k-" + UUID.randomUUID();
        String garbage = "[1, 2, " + UUID.randomUUID();
        TestEvents.send(TestApp.TOPIC, key, garbage, null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deadLetters())
                .filteredOn(r -> garbage.equals(r.value()))
                .anySatisfy(r -> assertThat(new String(r.headers().lastHeader("kafka_dlt-original-consumer-group").value(),
                        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("platform-dlt-it")));
    }

    private static List<ConsumerRecord<String, String>> deadLetters() {
        return TopicProbe.records(Topics.deadLetter(TestApp.TOPIC));
    }
}
