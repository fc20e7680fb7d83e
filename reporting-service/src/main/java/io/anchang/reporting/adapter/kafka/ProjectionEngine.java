package io.anchang.reporting.adapter.kafka;

import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.events.Topics;
import io.anchang.reporting.application.projection.Fact;
import io.anchang.reporting.application.projection.Projecting;
import io.anchang.reporting.application.projection.ProjectionStore;
import io.anchang.reporting.application.projection.SiteCalendar;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Reads the four topics from where one generation of the read models stands and applies them
 * in batches: parse, project in memory ({@link Projecting}), commit entries, sheets and the
 * topic positions as one ({@link ProjectionStore#commit}). The positions live with the read
 * models, not in a consumer group, so a new generation starts from the beginning of every
 * topic and a restart carries on exactly where the last commit ended. A record that is not an
 * event, or an event the projection cannot apply, goes to the topic's dead-letter topic and the
 * batch moves on; a store that does not answer is waited for, then the batch is read again.
 */
public final class ProjectionEngine implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionEngine.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPICS_REFRESH = Duration.ofSeconds(5);
    /** Records committed together at most. */
    static final int CHUNK = 500;

    private final int generation;
    private final Projecting projecting;
    private final ProjectionStore store;
    private final SiteCalendar calendar;
    private final Supplier<Consumer<String, String>> consumers;
    private final JsonMapper mapper;
    private final DeadLetters deadLetters;
    private final BooleanSupplier mayWrite;
    private final Listener listener;
    private volatile boolean running = true;
    private volatile long applied;
    private volatile long lag = -1;
    private volatile boolean caughtUp;

    /** Told what the engine does. */
    public interface Listener {
        void committed(int generation, int events);

        /** Every partition's end was reached at a check (the engine went on reading). */
        void caughtUp(int generation);
    }

    public ProjectionEngine(int generation, Projecting projecting, ProjectionStore store, SiteCalendar calendar,
                            Supplier<Consumer<String, String>> consumers, JsonMapper mapper, DeadLetters deadLetters,
                            BooleanSupplier mayWrite, Listener listener) {
        this.generation = generation;
        this.projecting = projecting;
        this.store = store;
        this.calendar = calendar;
        this.consumers = consumers;
        this.mapper = mapper;
        this.deadLetters = deadLetters;
        this.mayWrite = mayWrite;
        this.listener = listener;
    }

    public int generation() {
        return generation;
    }

    public long applied() {
        return applied;
    }

    /** Records not applied yet, at the last check; -1 before the first. */
    public long lag() {
        return lag;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("projectionGeneration", String.valueOf(generation))) {
            while (running) {
                try (Consumer<String, String> consumer = consumers.get()) {
                    store.recover();
                    Map<String, Long> positions = new LinkedHashMap<>(store.positions());
                    applied = eventsSoFar(positions);
                    loop(consumer, positions);
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    log.warn("projection g{} stopped on {}; starting again from its last commit in 2 s", generation, e.toString());
                    sleep(Duration.ofSeconds(2));
                }
            }
        }
        log.info("projection g{} stopped", generation);
    }

    private long eventsSoFar(Map<String, Long> positions) {
        return positions.values().stream().mapToLong(Long::longValue).sum();
    }

    private void loop(Consumer<String, String> consumer, Map<String, Long> positions) {
        long refreshedAt = 0;
        List<TopicPartition> assigned = List.of();
        while (running) {
            if (System.nanoTime() - refreshedAt > TOPICS_REFRESH.toNanos()) {
                assigned = assign(consumer, positions, assigned);
                refreshedAt = System.nanoTime();
                checkCaughtUp(consumer, assigned, positions);
            }
            if (assigned.isEmpty()) {
                sleep(POLL);
                continue;
            }
            ConsumerRecords<String, String> records = consumer.poll(POLL);
            if (records.isEmpty()) {
                continue;
            }
            if (!mayWrite.getAsBoolean()) {
                throw new IllegalStateException("this instance no longer holds the projection's lease");
            }
            // a poll is applied in chunks, each committed on its own: a commit (and its journal) stays small
            List<ConsumerRecord<String, String>> chunk = new ArrayList<>(CHUNK);
            for (ConsumerRecord<String, String> record : records) {
                chunk.add(record);
                if (chunk.size() == CHUNK) {
                    commitChunk(chunk, positions);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                commitChunk(chunk, positions);
            }
        }
    }

    /** Every partition of the four topics, each read from where this generation stands (its beginning if new). */
    private List<TopicPartition> assign(Consumer<String, String> consumer, Map<String, Long> positions, List<TopicPartition> before) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : Topics.ALL) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        if (partitions.size() == before.size() && before.containsAll(partitions)) {
            return before;
        }
        consumer.assign(partitions);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long at = positions.get(key(partition));
            if (at == null) {
                fromStart.add(partition);
            } else {
                consumer.seek(partition, at);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        log.info("projection g{} reads {} partitions of {}", generation, partitions.size(), Topics.ALL);
        return List.copyOf(partitions);
    }

    private void checkCaughtUp(Consumer<String, String> consumer, List<TopicPartition> assigned, Map<String, Long> positions) {
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(10));
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(assigned, Duration.ofSeconds(10));
        long behind = 0;
        for (TopicPartition partition : assigned) {
            long end = ends.getOrDefault(partition, 0L);
            long at = positions.getOrDefault(key(partition), begins.getOrDefault(partition, 0L));
            behind += Math.max(0, end - at);
        }
        lag = behind;
        if (behind == 0) {
            caughtUp = true;
            listener.caughtUp(generation);
        }
    }

    private void commitChunk(List<ConsumerRecord<String, String>> chunk, Map<String, Long> positions) {
        Map<String, Long> next = new LinkedHashMap<>(positions);
        int events = apply(chunk, next);
        positions.clear();
        positions.putAll(next);
        applied += chunk.size();
        listener.committed(generation, events);
    }

    /** Applies records and commits them with the positions after them; the number of events applied. */
    private int apply(List<ConsumerRecord<String, String>> records, Map<String, Long> next) {
        List<Fact<?>> facts = new ArrayList<>();
        Map<Fact<?>, ConsumerRecord<String, String>> origins = new HashMap<>();
        List<DeadLetters.Letter> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            next.put(key(new TopicPartition(record.topic(), record.partition())), record.offset() + 1);
            try {
                read(record).ifPresent(fact -> {
                    facts.add(fact);
                    origins.put(fact, record);
                });
            } catch (IllegalArgumentException malformed) {
                dead.add(new DeadLetters.Letter(record, malformed.getMessage()));
            }
        }
        Projecting.Outcome outcome = projecting.project(facts, store, calendar);
        outcome.failed().forEach(failed -> dead.add(new DeadLetters.Letter(origins.get(failed.fact()),
                "the reports cannot apply this event: " + failed.error())));
        deadLetters.send(dead);
        store.commit(ProjectionStore.Commit.of(outcome, next, applied + records.size()));
        return outcome.applied();
    }

    /** The record as a fact of a contract the reports follow; empty for other contracts; malformed: an exception. */
    private Optional<Fact<?>> read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("a record without a value");
        }
        EventEnvelope envelope;
        try {
            envelope = mapper.readValue(record.value(), EventEnvelope.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid event JSON: " + e.getOriginalMessage());
        }
        if (envelope.eventId() == null || envelope.type() == null || envelope.payload() == null) {
            throw new IllegalArgumentException("not an event envelope (eventId, type and payload are required)");
        }
        Optional<Class<?>> payloadType = projecting.payloadType(envelope.type(), envelope.version());
        if (payloadType.isEmpty()) {
            return Optional.empty();
        }
        Object payload;
        try {
            payload = mapper.treeToValue(envelope.payload(), payloadType.get());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the payload of " + envelope.type() + " " + envelope.eventId() + " is not a "
                    + payloadType.get().getSimpleName() + ": " + e.getMessage());
        }
        return Optional.of(new Fact<>(envelope.eventId().toString(), envelope.type(), envelope.version(), envelope.occurredAt(),
                envelope.siteId(), envelope.actor(), payload));
    }

    static String key(TopicPartition partition) {
        return partition.topic() + "|" + partition.partition();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where records the projection cannot use go: the topic's dead-letter topic, never lost. */
    public interface DeadLetters {
        record Letter(ConsumerRecord<String, String> record, String reason) {
        }

        /** Sends them all and waits for the broker; throws if it cannot (the batch is then read again). */
        void send(Collection<Letter> letters);
    }
}
