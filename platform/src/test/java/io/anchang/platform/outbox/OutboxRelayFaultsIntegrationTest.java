package io.anchang.platform.outbox;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.events.EventContract;
import io.anchang.platform.messaging.TopicProvisioner;
import io.anchang.testing.SharedKafka;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, item 3: the relay under the faults that stalled or doubled it — a pass that
 * outlasts the lease, more documents waiting after a restart than one page holds, an
 * event the broker refuses for good.
 */
class OutboxRelayFaultsIntegrationTest {

    static final String TOPIC = "anchang.relaytest.v1";

    @EventContract(type = "test.relayed", version = 1, topic = TOPIC)
    record Relayed(String doc, int seq, String filler) {
    }

    static final MongoClient CLIENT = MongoClients.create(SharedMongo.uri("platform-relay-faults-it"));
    static final DefaultKafkaProducerFactory<String, String> PRODUCERS = new DefaultKafkaProducerFactory<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000), new StringSerializer(), new StringSerializer());

    final JsonMapper mapper = JsonMapper.builder().build();
    final OutboxEntries entries = new OutboxEntries(mapper, Clock.systemUTC());
    final MeterRegistry meters = new SimpleMeterRegistry();

    @AfterAll
    static void close() {
        PRODUCERS.destroy();
        CLIENT.close();
    }

    @Test
    void aPassThatOutlastsTheLeaseRenewsItSoNoOtherRelayTakesOverMidPass() throws Exception {
        ReactiveMongoTemplate template = template();
        String collection = "slow";
        String doc = "d-" + UUID.randomUUID();
        insert(template, collection, doc, 12, 0);
        RelayLease mine = new RelayLease(template, Clock.systemUTC(), Duration.ofSeconds(2));
        RelayLease theirs = new RelayLease(template, Clock.systemUTC(), Duration.ofSeconds(2));
        // a broker that takes 400 ms per event: relaying 12 events takes about 5 s, more than twice the lease
        OutboxRelay relay = relay(template, new SlowKafka(400), mine, collection, 200, Duration.ofHours(1));
        assertThat(mine.hold()).isTrue();

        AtomicBoolean takenMidPass = new AtomicBoolean();
        AtomicBoolean passing = new AtomicBoolean(true);
        Thread other = new Thread(() -> {
            while (passing.get()) {
                if (theirs.hold()) {
                    takenMidPass.set(true);
                }
                sleep(200);
            }
        });
        other.start();
        boolean complete = relay.relay(new LinkedHashSet<>(List.of(new OutboxRelay.Key(collection, doc))));
        passing.set(false);
        other.join();

        assertThat(complete).isTrue();
        assertThat(takenMidPass).as("another instance took the lease while this one was still relaying").isFalse();
        assertThat(outbox(template, collection, doc)).isEmpty();
    }

    @Test
    void oneSweepAfterARestartSendsEveryDocumentWithPendingEventsNotJustTheFirstPage() {
        ReactiveMongoTemplate template = template();
        String collection = "many";
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String doc = "d-" + i + "-" + UUID.randomUUID();
            insert(template, collection, doc, 1, 0); // written before the restart: nobody wakes the relay for them
            docs.add(doc);
        }
        // pages of 5, and a single sweep (the next one is an hour away)
        OutboxRelay relay = relay(template, kafka(), new RelayLease(template, Clock.systemUTC(), Duration.ofSeconds(15)),
                collection, 5, Duration.ofHours(1));
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String doc : docs) {
                    assertThat(outbox(template, collection, doc)).as("outbox of " + doc).isEmpty();
                }
            });
        } finally {
            relay.stop();
        }
    }

    @Test
    void anEventTheBrokerRefusesForGoodIsParkedAndTheEventsAfterItGoOut() {
        ReactiveMongoTemplate template = template();
        String collection = "oversized";
        String big = "big-" + UUID.randomUUID();
        String small = "small-" + UUID.randomUUID();
        // the first event of `big` is over the broker's 1 MB limit; its second is ordinary
        template.insert(new Document("_id", big).append("siteId", "SH01").append(OutboxEntries.FIELD, List.of(
                entry(big, 1, 1_500_000), entry(big, 2, 0))), collection).block();
        insert(template, collection, small, 1, 0);
        OutboxRelay relay = relay(template, kafka(), new RelayLease(template, Clock.systemUTC(), Duration.ofSeconds(15)),
                collection, 200, Duration.ofMillis(300));
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(outbox(template, collection, big)).isEmpty();
                assertThat(outbox(template, collection, small)).isEmpty();
            });
        } finally {
            relay.stop();
        }
        List<ConsumerRecord<String, String>> onTopic = TopicProbe.records(TOPIC);
        assertThat(onTopic).filteredOn(r -> big.equals(r.key())).extracting(r -> r.value().replaceAll(".*\"seq\":(\\d+).*", "$1"))
                .as("the ordinary event after the refused one went out").containsExactly("2");
        assertThat(onTopic).filteredOn(r -> small.equals(r.key())).hasSize(1);

        Document parked = template.findOne(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("key").is(big)), Document.class, "outbox_parked").block();
        assertThat(parked).as("the refused event is kept where an operator finds it").isNotNull();
        assertThat(parked.getString("collection")).isEqualTo(collection);
        assertThat(parked.getString("reason")).contains("RecordTooLarge");
        assertThat(parked.getString("envelope")).contains("\"seq\":1");
        assertThat(meters.get("anchang.outbox.parked").gauge().value()).isEqualTo(1.0);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a parked event is republished by an ADMIN after the fix: delivered once, off the parked list, "
            + "the republish audited; asked again, nothing more is sent; refused again, it is parked again")
    void aParkedEventIsRepublishedOnceAfterTheFix() {
        ReactiveMongoTemplate template = template();
        String collection = "refused";
        String doc = "doc-" + UUID.randomUUID();
        template.insert(new Document("_id", doc).append("siteId", "SH01").append(OutboxEntries.FIELD, List.of(
                entry(doc, 1, 0), entry(doc, 2, 0))), collection).block();
        // a broker that refuses the first event for good until the cause is fixed
        RefusingKafka kafka = new RefusingKafka("\"seq\":1,");
        AuditTrail trail = new AuditTrail(template, io.anchang.platform.audit.AuditKey.of(io.anchang.testing.TestDefaults.AUDIT_KEY));
        OutboxRelay relay = relay(template, kafka, new RelayLease(template, Clock.systemUTC(), Duration.ofSeconds(15)),
                collection, 200, Duration.ofMillis(300), trail);
        ParkedEvents parked = new ParkedEvents(template, relay, trail, Clock.systemUTC());
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(outbox(template, collection, doc)).isEmpty();
                assertThat(parked.list(10).pending()).isEqualTo(1);
            });
            ParkedEvents.ParkedEvent refused = parked.list(10).parked().get(0);
            assertThat(refused.key()).isEqualTo(doc);
            assertThat(refused.collection()).isEqualTo(collection);
            assertThat(refused.reason()).contains("RecordTooLarge");

            // refused again: parked again, nothing lost
            assertThat(parked.republish("admin-1", 100).republished()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(outbox(template, collection, doc)).isEmpty();
                assertThat(parked.list(10).pending()).isEqualTo(1);
            });

            kafka.fixed.set(true);
            ParkedEvents.Republish republish = parked.republish("admin-1", 100);
            assertThat(republish.republished()).isEqualTo(1);
            assertThat(republish.notFound()).isEmpty();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(outbox(template, collection, doc)).isEmpty();
                assertThat(TopicProbe.records(TOPIC)).filteredOn(r -> doc.equals(r.key()))
                        .extracting(r -> r.value().replaceAll(".*\"seq\":(\\d+).*", "$1")).containsExactlyInAnyOrder("2", "1");
            });
            assertThat(parked.list(10).pending()).isZero();
            assertThat(meters.get("anchang.outbox.parked").gauge().value()).isZero();
            assertThat(parked.republish("admin-1", 100).republished()).isZero();
            sleep(1_000);
            assertThat(TopicProbe.records(TOPIC)).filteredOn(r -> doc.equals(r.key())).as("sent once, however often republished").hasSize(2);
            assertThat(template.find(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("action").is("outbox.republished")), Document.class,
                    AuditTrail.ENTRIES).collectList().block()).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.getString("actor")).isEqualTo("admin-1");
                assertThat(entry.getString("subject")).isEqualTo(refused.eventId());
            });
        } finally {
            relay.stop();
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a parked event whose document is gone stays parked and is named, never lost silently")
    void aParkedEventWhoseDocumentIsGoneStaysParked() {
        ReactiveMongoTemplate template = template();
        String collection = "gone";
        Document entry = entry("gone-doc", 1, 0);
        template.insert(new Document(entry).append("_id", entry.getString("eventId")).append("collection", collection)
                .append("documentId", "gone-doc").append("reason", "RecordTooLargeException").append("parkedAt", new java.util.Date()),
                OutboxRelay.PARKED).block();
        AuditTrail trail = new AuditTrail(template, io.anchang.platform.audit.AuditKey.of(io.anchang.testing.TestDefaults.AUDIT_KEY));
        OutboxRelay relay = relay(template, kafka(), new RelayLease(template, Clock.systemUTC(), Duration.ofSeconds(15)),
                collection, 200, Duration.ofHours(1), trail);
        ParkedEvents.Republish republish = new ParkedEvents(template, relay, trail, Clock.systemUTC()).republish("admin-1", 100);
        assertThat(republish.republished()).isZero();
        assertThat(republish.notFound()).extracting(ParkedEvents.ParkedEvent::eventId).containsExactly(entry.getString("eventId"));
        assertThat(republish.pending()).isEqualTo(1);
    }

    private ReactiveMongoTemplate template() {
        return new ReactiveMongoTemplate(CLIENT, "platform-relay-faults-it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private OutboxRelay relay(ReactiveMongoTemplate template, KafkaTemplate<String, String> kafka, RelayLease lease,
                              String collection, int batchSize, Duration sweepInterval) {
        return relay(template, kafka, lease, collection, batchSize, sweepInterval,
                new AuditTrail(template, io.anchang.platform.audit.AuditKey.of(io.anchang.testing.TestDefaults.AUDIT_KEY)));
    }

    private OutboxRelay relay(ReactiveMongoTemplate template, KafkaTemplate<String, String> kafka, RelayLease lease,
                              String collection, int batchSize, Duration sweepInterval, AuditTrail trail) {
        KafkaAdmin admin = new KafkaAdmin(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()));
        StaticApplicationContext context = new StaticApplicationContext();
        context.registerBean("relayTestTopic", NewTopic.class, () -> new NewTopic(TOPIC, 1, (short) 1));
        context.refresh();
        admin.setApplicationContext(context);
        return new OutboxRelay(template, kafka, trail, new TopicProvisioner(admin),
                new OutboxProperties(List.of(collection), sweepInterval, Duration.ofSeconds(15), batchSize), lease, meters);
    }

    private void insert(ReactiveMongoTemplate template, String collection, String doc, int events, int filler) {
        List<Document> outbox = new ArrayList<>();
        for (int seq = 1; seq <= events; seq++) {
            outbox.add(entry(doc, seq, filler));
        }
        template.insert(new Document("_id", doc).append("siteId", "SH01").append(OutboxEntries.FIELD, outbox), collection).block();
    }

    private Document entry(String doc, int seq, int filler) {
        return entries.entry(PendingEvent.of("SH01", doc, new Relayed(doc, seq, "x".repeat(filler))), "test", null);
    }

    private static List<Document> outbox(ReactiveMongoTemplate template, String collection, String doc) {
        return template.findById(doc, Document.class, collection).block().getList(OutboxEntries.FIELD, Document.class, List.of());
    }

    private static KafkaTemplate<String, String> kafka() {
        return new KafkaTemplate<>(PRODUCERS);
    }

    /** A broker that acknowledges each record only after {@code delayMillis}. */
    static final class SlowKafka extends KafkaTemplate<String, String> {

        private final long delayMillis;

        SlowKafka(long delayMillis) {
            super(PRODUCERS);
            this.delayMillis = delayMillis;
        }

        @Override
        public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
            return super.send(record).thenApplyAsync(result -> result,
                    CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
        }
    }

    /** A broker that refuses for good (too large) each record containing {@code marker}, until {@link #fixed}. */
    static final class RefusingKafka extends KafkaTemplate<String, String> {

        final AtomicBoolean fixed = new AtomicBoolean();
        private final String marker;

        RefusingKafka(String marker) {
            super(PRODUCERS);
            this.marker = marker;
        }

        @Override
        public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
            if (!fixed.get() && record.value().contains(marker)) {
                return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.RecordTooLargeException("over the broker's limit"));
            }
            return super.send(record);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
