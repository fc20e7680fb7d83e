package io.anchang.platform.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This service's dead letters: the poison records its consumers put on the topics'
 * dead-letter topics ({@code <topic>.dlt}, shared by every consumer of the topic, each
 * record naming the consumer group that gave up on it). Counted for health and metrics,
 * listed for an ADMIN, and replayed after a fix.
 * <p>
 * A replay gives each dead letter not replayed before to this service's own
 * {@link EventDispatcher} — nothing is published to the main topic again, so the other
 * services do not see the record a second time — and records it as replayed
 * ({@value #REPLAYED}, by the dead-letter topic's partition and offset) once it is
 * applied. A replay asked for twice applies a record once: the second finds it
 * replayed, and even a crash between applying and recording is caught by the
 * dispatcher's idempotency by event id. A record that fails again stays a dead letter
 * and the replay says why.
 */
public final class DeadLetters implements SmartLifecycle {

    public static final String REPLAYED = "dead_letter_replays";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    private static final int REASON_LENGTH = 500;

    /** One dead letter as an operator sees it (what is unknown of it is left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetter(String topic, int partition, long offset, String originalTopic, Integer originalPartition,
                             Long originalOffset, String key, String eventId, String type, String reason, Instant deadAt,
                             Instant replayedAt, String replayedBy) {

        String id() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    /** The dead letters of this service, newest first. */
    public record Listing(String consumerGroup, int pending, int replayed, List<DeadLetter> deadLetters) {
    }

    /** What a replay did: how many it applied now, which still fail and why, how many are left. */
    public record Replay(int replayed, List<DeadLetter> stillFailing, int pending) {
    }

    private final Map<String, Object> kafka;
    private final ReactiveMongoTemplate template;
    private final EventDispatcher dispatcher;
    private final JsonMapper mapper;
    private final Clock clock;
    private final String group;
    private final List<String> topics;
    private final Duration refreshEvery;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile int pending;
    private volatile Instant countedAt;
    private volatile ScheduledExecutorService scheduler;

    /**
     * @param kafka the consumer configuration (bootstrap servers, security); deserializers and group are set here
     */
    public DeadLetters(Map<String, Object> kafka, ReactiveMongoTemplate template, EventDispatcher dispatcher, JsonMapper mapper,
                       Clock clock, String group, Duration refreshEvery) {
        this.kafka = Map.copyOf(kafka);
        this.template = template;
        this.dispatcher = dispatcher;
        this.mapper = mapper;
        this.clock = clock;
        this.group = group;
        this.topics = dispatcher.topics().stream().map(io.anchang.platform.events.Topics::deadLetter).toList();
        this.refreshEvery = refreshEvery;
    }

    public String consumerGroup() {
        return group;
    }

    /** Dead letters not replayed yet, as last counted. */
    public int pending() {
        return pending;
    }

    /** When {@link #pending()} was counted; null before the first count. */
    public Instant countedAt() {
        return countedAt;
    }

    /** A consumer just put a record on a dead-letter topic: count again soon. */
    void recorded() {
        pending++;
        queueRefresh();
    }

    public synchronized Listing list(int limit) {
        List<DeadLetter> all = read();
        int replayed = (int) all.stream().filter(d -> d.replayedAt() != null).count();
        pending = all.size() - replayed;
        countedAt = clock.instant();
        return new Listing(group, pending, replayed, all.stream().limit(Math.max(0, limit)).toList());
    }

    /** Applies every dead letter not replayed yet, oldest first; {@code actor} is recorded with each. */
    public synchronized Replay replay(String actor) {
        List<RawDeadLetter> raw = readRaw();
        Map<String, Document> replayed = replayedById();
        int applied = 0;
        List<DeadLetter> stillFailing = new ArrayList<>();
        for (RawDeadLetter letter : raw) {
            DeadLetter described = describe(letter, null);
            if (replayed.containsKey(described.id())) {
                continue;
            }
            try {
                dispatcher.onMessage(letter.asOriginal());
            } catch (RuntimeException e) {
                log.warn("dead letter {} ({} {}) still fails: {}", described.id(), described.type(), described.eventId(), e.toString());
                stillFailing.add(new DeadLetter(described.topic(), described.partition(), described.offset(), described.originalTopic(),
                        described.originalPartition(), described.originalOffset(), described.key(), described.eventId(),
                        described.type(), shorten(e.getMessage()), described.deadAt(), null, null));
                continue;
            }
            Document mark = new Document("_id", described.id()).append("eventId", described.eventId())
                    .append("replayedAt", Date.from(clock.instant())).append("replayedBy", actor);
            try {
                template.insert(mark, REPLAYED).block(STORE_TIMEOUT);
            } catch (DuplicateKeyException another) {
                // replayed by another instance meanwhile; the dispatcher applied it once all the same
            }
            applied++;
            log.info("dead letter {} ({} {}) replayed by {}", described.id(), described.type(), described.eventId(), actor);
        }
        Map<String, Document> now = replayedById();
        int left = (int) raw.stream().filter(letter -> !now.containsKey(describe(letter, null).id())).count();
        pending = left;
        countedAt = clock.instant();
        return new Replay(applied, stillFailing, left);
    }

    /** Counts again from the dead-letter topics and the replay records. */
    public synchronized void refresh() {
        List<DeadLetter> all = read();
        pending = (int) all.stream().filter(d -> d.replayedAt() == null).count();
        countedAt = clock.instant();
    }

    private List<DeadLetter> read() {
        Map<String, Document> replayed = replayedById();
        return readRaw().stream()
                .map(letter -> {
                    DeadLetter described = describe(letter, null);
                    return describe(letter, replayed.get(described.id()));
                })
                .sorted(Comparator.comparing(DeadLetter::deadAt).reversed())
                .toList();
    }

    private Map<String, Document> replayedById() {
        Map<String, Document> byId = new HashMap<>();
        List<Document> marks = template.findAll(Document.class, REPLAYED).collectList().block(STORE_TIMEOUT);
        if (marks != null) {
            marks.forEach(mark -> byId.put(mark.getString("_id"), mark));
        }
        return byId;
    }

    private record RawDeadLetter(ConsumerRecord<String, String> record) {

        ConsumerRecord<String, String> asOriginal() {
            String topic = Optional.ofNullable(EventDispatcher.header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                    .orElse(record.topic().replaceFirst("\\.dlt$", ""));
            Integer partition = intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION);
            Long offset = longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET);
            RecordHeaders headers = new RecordHeaders();
            for (Header header : record.headers()) {
                if (!header.key().startsWith("kafka_dlt-")) {
                    headers.add(header);
                }
            }
            return new ConsumerRecord<>(topic, partition == null ? record.partition() : partition, offset == null ? -1 : offset,
                    record.timestamp(), TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(), headers, Optional.empty());
        }
    }

    private DeadLetter describe(RawDeadLetter letter, Document replayed) {
        ConsumerRecord<String, String> record = letter.record();
        String eventId = EventDispatcher.header(record, "eventId");
        String type = EventDispatcher.header(record, "eventType");
        if ((eventId == null || type == null) && record.value() != null) {
            try {
                JsonNode envelope = mapper.readTree(record.value());
                eventId = eventId != null ? eventId : text(envelope, "eventId");
                type = type != null ? type : text(envelope, "type");
            } catch (RuntimeException notJson) {
                // a record that is not JSON has neither
            }
        }
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Optional.ofNullable(EventDispatcher.header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).orElse(record.topic().replaceFirst("\\.dlt$", "")),
                intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION), longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                record.key(), eventId, type, shorten(EventDispatcher.header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE)),
                Instant.ofEpochMilli(record.timestamp()),
                replayed == null ? null : replayed.getDate("replayedAt").toInstant(),
                replayed == null ? null : replayed.getString("replayedBy"));
    }

    /** Every record of this consumer group on its dead-letter topics, in offset order per partition. */
    private List<RawDeadLetter> readRaw() {
        List<RawDeadLetter> letters = new ArrayList<>();
        if (topics.isEmpty()) {
            return letters;
        }
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-dead-letters");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, READ_TIMEOUT).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            if (partitions.isEmpty()) {
                return letters;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topics " + topics + " to their end");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))
                            && group.equals(EventDispatcher.header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))) {
                        letters.add(new RawDeadLetter(record));
                    }
                }
            }
        }
        return letters;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    private static String shorten(String reason) {
        return reason == null || reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH) + "…";
    }

    private static Integer intHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value().length != Integer.BYTES ? null : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long longHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value().length != Long.BYTES ? null : ByteBuffer.wrap(header.value()).getLong();
    }

    private void queueRefresh() {
        ScheduledExecutorService running = scheduler;
        if (running != null && refreshQueued.compareAndSet(false, true)) {
            running.schedule(this::refreshQuietly, 1, TimeUnit.SECONDS);
        }
    }

    private void refreshQuietly() {
        refreshQueued.set(false);
        try {
            refresh();
        } catch (RuntimeException e) {
            log.debug("could not count the dead letters now: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letters");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::refreshQuietly, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
