package io.anchang.platform.messaging;

import io.anchang.platform.events.Topics;
import io.anchang.platform.testapp.TestApp;
import io.anchang.platform.testapp.TestApp.Counted;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.apache.kafka.common.utils.Utils;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, item 2: a passing failure while a consumer applies an event — the store away
 * for a while — is retried with growing back-off until it succeeds; it is never
 * dead-lettered, the other partitions keep flowing meanwhile, and the event is applied once.
 */
@SpringBootTest(classes = TestApp.class)
class ConsumerRetryIntegrationTest {

    static final String DATABASE = "platform-retry-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, DATABASE);
        // short back-off for the test; the services' default grows to 30 s
        registry.add("anchang.kafka.retry.initial-interval", () -> "100ms");
        registry.add("anchang.kafka.retry.max-interval", () -> "1s");
    }

    @Autowired
    ReactiveMongoTemplate template;

    @Test
    void anEventThatFailsSeveralTimesForAPassingReasonIsAppliedOnceWhenItPassesAndNotDeadLettered() {
        String counter = "flaky-" + UUID.randomUUID();
        TestApp.FLAKY.put(counter, new AtomicInteger(8));
        UUID event = TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", counter, new Counted(counter, 1), null);

        await().atMost(Duration.ofSeconds(90)).until(() -> tally(counter) != null);
        assertThat(TestApp.FLAKY.get(counter).get()).as("it failed every time it was told to").isNegative();
        assertThat(tally(counter).getInteger("applied")).isEqualTo(1);
        assertThat(TopicProbe.records(Topics.deadLetter(TestApp.TOPIC)))
                .as("a passing failure is never dead-lettered")
                .noneMatch(r -> r.value() != null && r.value().contains(event.toString()));
    }

    @Test
    void whileOnePartitionWaitsForAPassingFailureTheOthersGoOn() {
        String stuck = keyOnPartition(0, "stuck-");
        String other = keyOnPartition(1, "other-");
        TestApp.FLAKY.put(stuck, new AtomicInteger(25));
        TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", stuck, new Counted(stuck, 1), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestApp.FLAKY.get(stuck).get() < 23);

        TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", other, new Counted(other, 1), null);

        await().atMost(Duration.ofSeconds(60)).until(() -> tally(other) != null);
        assertThat(tally(stuck)).as("the other partition went on while this one still retried").isNull();
        await().atMost(Duration.ofSeconds(120)).until(() -> tally(stuck) != null);
        assertThat(tally(stuck).getInteger("applied")).isEqualTo(1);
    }

    @Test
    void anEventDeliveredAgainAfterACrashBetweenApplyingAndRecordingItIsNotAppliedTwice() {
        String counter = "crash-" + UUID.randomUUID();
        UUID event = TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", counter, new Counted(counter, 1), null);
        SharedMongo.awaitConsumed(DATABASE, "platformtest.tally", event);
        assertThat(tally(counter).getInteger("applied")).isEqualTo(1);

        // the state a crash right after the handler's write leaves: applied, but not recorded as applied
        template.remove(Query.query(Criteria.where("_id").is("platformtest.tally/" + event)), ConsumedEvents.COLLECTION).block();
        // ... and the record delivered again, as after the restart
        TestEvents.publish(event, TestApp.TOPIC, "test.counted", 1, "SH01", counter, new Counted(counter, 1), null);
        String sentinel = "sentinel-" + UUID.randomUUID();
        TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", counter, new Counted(sentinel, 1), null);

        await().atMost(Duration.ofSeconds(60)).until(() -> tally(sentinel) != null);
        assertThat(tally(counter).getInteger("applied")).as("the redelivered event changed nothing").isEqualTo(1);
    }

    private Document tally(String counter) {
        return template.findById(counter, Document.class, "tallies").block();
    }

    /** A key the default partitioner puts on {@code partition} of the topic's 3. */
    private static String keyOnPartition(int partition, String prefix) {
        while (true) {
            String key = prefix + UUID.randomUUID();
            if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3 == partition) {
                return key;
            }
        }
    }
}
