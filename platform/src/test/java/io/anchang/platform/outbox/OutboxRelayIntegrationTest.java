package io.anchang.platform.outbox;

import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.audit.AuditVerification;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.testapp.TestApp;
import io.anchang.platform.testapp.TestApp.Counted;
import io.anchang.platform.testapp.TestApp.Counter;
import io.anchang.launcher.JavaCommand;
import io.anchang.launcher.KafkaBroker;
import io.anchang.testing.FreePorts;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestIssuer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded outbox when the broker is away: events written meanwhile stay in their
 * documents, reach the topic once it is back — at least once, in order per aggregate —
 * are audited, and are applied once by a consumer even when delivered twice.
 */
@SpringBootTest(classes = TestApp.class)
class OutboxRelayIntegrationTest {

    static final Path FOLDER = folder();
    /** A real broker in a process of its own, on ports that stay the same across its restarts. */
    static final KafkaBroker KAFKA = new KafkaBroker(JavaCommand.Classpath.ofThisJvm(), FOLDER.resolve("data"),
            FreePorts.next(), FreePorts.next(), FOLDER.resolve("kafka.log"), FOLDER.resolve("kafka.pid"));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> SharedMongo.uri("platform-outbox-it"));
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        TestIssuer.shared().properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("anchang.outbox.sweep-interval", () -> "500ms");
    }

    @Autowired
    ScopedMongo mongo;

    @Autowired
    ReactiveMongoTemplate template;

    @Autowired
    AuditTrail audit;

    final Caller manager = new Caller("mgr-1", "王经理", Set.of(Role.MANAGER), SiteScope.of("SH01"));

    @AfterAll
    static void stopBroker() {
        KAFKA.stop();
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("kafka-outbox-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eventsWrittenWhileTheBrokerIsAwayArriveInOrderOnceItIsBackAndAreAppliedOnce() throws Exception {
        List<String> counters = List.of("c-" + UUID.randomUUID(), "c-" + UUID.randomUUID(), "c-" + UUID.randomUUID(),
                "c-" + UUID.randomUUID(), "c-" + UUID.randomUUID());
        for (String id : counters) {
            mongo.insert(manager, new Counter(id, "SH01", 1), "counters",
                    List.of(PendingEvent.of("SH01", id, new Counted(id, 1)))).block();
            for (int seq = 2; seq <= 5; seq++) {
                Boolean written = mongo.replace(manager, new Counter(id, "SH01", seq), seq - 1, "counters",
                        List.of(PendingEvent.of("SH01", id, new Counted(id, seq)))).block();
                assertThat(written).isTrue();
            }
        }
        Thread.sleep(1500); // the relay tries and fails meanwhile
        for (String id : counters) {
            assertThat(outbox(id)).as("events wait in the document while the broker is away").hasSize(5);
        }

        storeCounts(true);
        KAFKA.start().awaitReady(Duration.ofSeconds(90));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (String id : counters) {
                Document tally = template.findById(id, Document.class, "tallies").block();
                assertThat(tally).as("tally of " + id).isNotNull();
                assertThat(tally.getList("seen", Integer.class)).containsExactly(1, 2, 3, 4, 5);
                assertThat(tally.getInteger("applied")).isEqualTo(5);
            }
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : counters) {
                assertThat(outbox(id)).as("published events leave the outbox").isEmpty();
            }
        });
        // issue 17: a pass removes what it published with one update per collection, not one per document
        assertThat(storeCounts(false).getOrDefault("platform-outbox-it.counters update", 0L))
                .as("updates of the documents to remove their published events (one per pass that published)")
                .isLessThan(counters.size());

        Map<String, List<Integer>> onTopic = readTopic(counters.size() * 5);
        for (String id : counters) {
            assertThat(onTopic.get(id).stream().distinct().toList()).as("order on the topic for " + id)
                    .containsExactly(1, 2, 3, 4, 5);
        }

        // the same record delivered again is not applied again
        ConsumerRecord<String, String> first = firstRecordOf(counters.get(0));
        String sentinel = "sentinel-" + UUID.randomUUID();
        String sentinelEvent = first.value()
                .replaceAll("\"eventId\":\"[^\"]+\"", "\"eventId\":\"" + UUID.randomUUID() + "\"")
                .replace(counters.get(0), sentinel);
        send(first.key(), first.value());
        send(first.key(), sentinelEvent);
        await().atMost(Duration.ofSeconds(30)).until(() -> template.findById(sentinel, Document.class, "tallies").block() != null);
        Document tally = template.findById(counters.get(0), Document.class, "tallies").block();
        assertThat(tally.getInteger("applied")).as("a duplicate changes nothing").isEqualTo(5);

        AuditVerification verification = audit.verify("SH01").block();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isGreaterThanOrEqualTo(15);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TestApp.TOPIC);
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(config.get("retention.ms").value()).as("topics keep events forever, for replay").isEqualTo("-1");
        }
    }

    /** The commands the stand-in served on this test's database since the last reset, by "database.collection command". */
    private static Map<String, Long> storeCounts(boolean reset) {
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(SharedMongo.uri("platform-outbox-it"))) {
            Document counts = client.getDatabase("admin").runCommand(new Document("anchangCounts", 1).append("reset", reset))
                    .get("counts", Document.class);
            Map<String, Long> found = new LinkedHashMap<>();
            counts.forEach((key, count) -> found.put(key, ((Number) count).longValue()));
            return found;
        }
    }

    private List<Document> outbox(String id) {
        Document document = template.findById(id, Document.class, "counters").block();
        return document.getList(OutboxEntries.FIELD, Document.class, List.of());
    }

    private Map<String, List<Integer>> readTopic(int atLeast) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(TestApp.TOPIC));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= atLeast;
            });
            for (ConsumerRecord<String, String> record : records) {
                int seq = Integer.parseInt(record.value().replaceAll(".*\"seq\":(\\d+).*", "$1"));
                byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(seq);
            }
        }
        return byKey;
    }

    private ConsumerRecord<String, String> firstRecordOf(String key) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(TestApp.TOPIC));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    private static void send(String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TestApp.TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}
