package io.anchang.platform.messaging;

import io.anchang.platform.events.Topics;
import io.anchang.platform.testapp.TestApp;
import io.anchang.platform.testapp.TestApp.Counted;
import io.anchang.standin.MongoStandIn;
import io.anchang.testing.FreePorts;
import io.anchang.testing.SharedKafka;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TestIssuer;
import io.anchang.testing.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, item 2, as it was seen: the store goes away for several seconds — longer than
 * the driver waits for it — while a consumer applies an event. When the store is back the
 * event is applied, once, and nothing went to the dead-letter topic.
 */
@SpringBootTest(classes = TestApp.class)
class StoreOutageIntegrationTest {

    static final Path FOLDER = folder();
    static final int PORT = FreePorts.next();
    static volatile MongoStandIn store = MongoStandIn.onDisk(FOLDER, PORT);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // the driver gives up on an absent store after 1 s, so each attempt fails while it is away
        registry.add("spring.mongodb.uri", () -> store.connectionString("platform-outage-it")
                + "?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000");
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        TestIssuer.shared().properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("anchang.kafka.consumer-group", () -> "platform-outage-it");
        registry.add("anchang.outbox.sweep-interval", () -> "500ms");
    }

    @Autowired
    ReactiveMongoTemplate template;

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @Test
    void anEventAppliedWhileTheStoreIsAwayForSecondsIsAppliedWhenItReturnsAndNothingIsDeadLettered() throws Exception {
        String warmUp = "warm-" + UUID.randomUUID();
        TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", warmUp, new Counted(warmUp, 1), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> template.findById(warmUp, Document.class, "tallies").block() != null);

        store.close();
        String counter = "outage-" + UUID.randomUUID();
        UUID event = TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", counter, new Counted(counter, 1), null);
        Thread.sleep(8_000); // the consumer tries and fails meanwhile
        store = MongoStandIn.onDisk(FOLDER, PORT);

        await().atMost(Duration.ofSeconds(90)).until(() -> template.findById(counter, Document.class, "tallies").block() != null);
        assertThat(template.findById(counter, Document.class, "tallies").block().getInteger("applied")).isEqualTo(1);
        assertThat(TopicProbe.records(Topics.deadLetter(TestApp.TOPIC)))
                .as("a store that was away is no reason to dead-letter an event")
                .noneMatch(r -> r.value() != null && r.value().contains(event.toString()));
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("standin-outage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
