package io.anchang.platform.outbox;

import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.messaging.TopicProvisioner;
import io.anchang.platform.web.CorrelationId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes what aggregates hold in their outbox, then removes it. Woken after each
 * write; also sweeps the outbox collections now and then for entries it was not woken
 * for (a restart, a broker that was away). Per document, entries are audited, then sent
 * one after the other — so one aggregate's events keep their order — and removed only
 * once the broker has acknowledged them. A failure leaves them for the next attempt:
 * at least once, never zero times.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final ReactiveMongoTemplate template;
    private final KafkaTemplate<String, String> kafka;
    private final AuditTrail audit;
    private final TopicProvisioner topics;
    private final OutboxProperties properties;
    private final RelayLease lease;
    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Key> wakeups = new LinkedBlockingQueue<>();
    private final Counter published;
    private volatile boolean running;
    private Thread worker;

    record Key(String collection, Object id) {
    }

    public OutboxRelay(ReactiveMongoTemplate template, KafkaTemplate<String, String> kafka, AuditTrail audit,
                       TopicProvisioner topics, OutboxProperties properties, RelayLease lease, MeterRegistry meters) {
        this.template = template;
        this.lease = lease;
        this.kafka = kafka;
        this.audit = audit;
        this.topics = topics;
        this.properties = properties;
        this.collections.addAll(properties.collections());
        this.published = Counter.builder("anchang.outbox.published").description("events published from the outbox").register(meters);
    }

    /** A document of {@code collection} has new outbox entries. */
    public void wake(String collection, Object id) {
        collections.add(collection);
        wakeups.offer(new Key(collection, id));
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.debug("could not give up the relay lease; it lapses by itself: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        long nextSweep = 0;
        Duration backoff = Duration.ofMillis(250);
        while (running) {
            try {
                if (!lease.hold()) {
                    // another instance relays; wake-ups meanwhile are its documents' too
                    wakeups.clear();
                    sleep(properties.sweepInterval());
                    continue;
                }
                if (!topics.ensure()) {
                    sleep(backoff);
                    backoff = longer(backoff);
                    continue;
                }
                Set<Key> batch = new LinkedHashSet<>();
                Key first = wakeups.poll(Math.max(1, nextSweep - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    List<Key> more = new ArrayList<>();
                    wakeups.drainTo(more, properties.batchSize());
                    batch.addAll(more);
                }
                if (System.currentTimeMillis() >= nextSweep) {
                    batch.addAll(sweep());
                    nextSweep = System.currentTimeMillis() + properties.sweepInterval().toMillis();
                }
                if (batch.isEmpty()) {
                    continue;
                }
                if (relay(batch)) {
                    backoff = Duration.ofMillis(250);
                } else {
                    nextSweep = System.currentTimeMillis() + backoff.toMillis();
                    sleep(backoff);
                    backoff = longer(backoff);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox relay pass failed, trying again in {}: {}", backoff, e.toString());
                nextSweep = System.currentTimeMillis() + backoff.toMillis();
                sleep(backoff);
                backoff = longer(backoff);
            }
        }
    }

    /** Documents whose outbox is not empty. */
    private List<Key> sweep() {
        List<Key> keys = new ArrayList<>();
        for (String collection : collections) {
            Query query = Query.query(Criteria.where(OutboxEntries.FIELD + ".0").exists(true)).limit(properties.batchSize());
            query.fields().include("_id");
            template.find(query, Document.class, collection).map(d -> new Key(collection, d.get("_id")))
                    .toIterable().forEach(keys::add);
        }
        return keys;
    }

    /** Relays the outbox of these documents. True if everything went out. */
    boolean relay(Set<Key> keys) {
        Map<String, List<Object>> byCollection = new LinkedHashMap<>();
        keys.forEach(k -> byCollection.computeIfAbsent(k.collection(), c -> new ArrayList<>()).add(k.id()));
        List<Work> work = new ArrayList<>();
        byCollection.forEach((collection, ids) -> {
            Query query = Query.query(Criteria.where("_id").in(ids));
            query.fields().include(OutboxEntries.FIELD);
            template.find(query, Document.class, collection).toIterable().forEach(document -> {
                List<Document> entries = document.getList(OutboxEntries.FIELD, Document.class, List.of());
                if (!entries.isEmpty()) {
                    work.add(new Work(collection, document.get("_id"), entries));
                }
            });
        });
        if (work.isEmpty()) {
            return true;
        }
        audit.recordAll(work.stream().flatMap(w -> w.entries().stream()).map(OutboxRelay::auditRecord).toList());
        AtomicBoolean unreachable = new AtomicBoolean();
        List<CompletableFuture<List<String>>> sends = new ArrayList<>();
        for (Work w : work) {
            // a broker that is away makes each send block for max.block.ms: stop at the first one
            sends.add(unreachable.get() ? CompletableFuture.completedFuture(List.of()) : sendInOrder(w, unreachable));
        }
        boolean complete = true;
        for (int i = 0; i < work.size(); i++) {
            Work w = work.get(i);
            List<String> sent;
            try {
                sent = sends.get(i).get(properties.sendTimeout().toMillis() * w.entries().size(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                sent = List.of();
            }
            if (sent.size() < w.entries().size()) {
                complete = false;
            }
            if (!sent.isEmpty()) {
                Query query = Query.query(Criteria.where("_id").is(w.id()));
                Update update = new Update().pull(OutboxEntries.FIELD, new Document("eventId", new Document("$in", sent)));
                template.updateFirst(query, update, w.collection()).block(properties.sendTimeout());
                published.increment(sent.size());
            }
        }
        if (!complete) {
            log.warn("some outbox entries could not be published yet; they stay in their documents and go out later");
        }
        return complete;
    }

    /** Sends a document's entries one after the other; completes with the ids sent before the first failure. */
    private CompletableFuture<List<String>> sendInOrder(Work work, AtomicBoolean unreachable) {
        List<String> sent = new ArrayList<>();
        CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
        for (Document entry : work.entries()) {
            chain = chain.thenCompose(ok -> {
                if (!ok) {
                    return CompletableFuture.completedFuture(false);
                }
                return send(entry, unreachable).handle((result, error) -> {
                    if (error != null) {
                        log.warn("could not publish {} {}: {}", entry.getString("type"), entry.getString("eventId"), error.toString());
                        return false;
                    }
                    synchronized (sent) {
                        sent.add(entry.getString("eventId"));
                    }
                    return true;
                });
            });
        }
        return chain.thenApply(ok -> {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        });
    }

    private CompletableFuture<?> send(Document entry, AtomicBoolean unreachable) {
        ProducerRecord<String, String> record = new ProducerRecord<>(entry.getString("topic"), entry.getString("key"),
                entry.getString("envelope"));
        header(record, "eventId", entry.getString("eventId"));
        header(record, "eventType", entry.getString("type"));
        header(record, CorrelationId.KAFKA_HEADER, entry.getString("correlationId"));
        String correlation = entry.getString("correlationId");
        try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.KEY, correlation == null ? "" : correlation)) {
            log.debug("publishing {} {} to {}", entry.getString("type"), entry.getString("eventId"), record.topic());
        }
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            unreachable.set(true);
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static AuditRecord auditRecord(Document entry) {
        String envelope = entry.getString("envelope");
        return new AuditRecord(entry.getString("eventId"), entry.getString("siteId"), entry.getDate("occurredAt").toInstant(),
                entry.getString("actor"), entry.getString("type"), entry.getString("key"), entry.getString("before"),
                envelope, entry.getString("reason"));
    }

    private static Duration longer(Duration backoff) {
        return backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Work(String collection, Object id, List<Document> entries) {
    }
}
