package io.anchang.platform.outbox;

import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.messaging.TopicProvisioner;
import io.anchang.platform.web.CorrelationId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes what aggregates hold in their outbox, then removes it. Woken after each
 * write; also sweeps the outbox collections now and then for entries it was not woken
 * for (a restart, a broker that was away), page by page until every document with
 * pending entries was offered. Per document, entries are audited, then sent one after
 * the other — so one aggregate's events keep their order — and removed only once the
 * broker has acknowledged them. A failure that passes leaves them for the next attempt:
 * at least once, never zero times.
 * <p>
 * An entry the broker refuses for good (over its size limit, say) would be refused on
 * every pass; it is parked instead: moved to {@value #PARKED} with the reason, logged as
 * an error and counted ({@code anchang.outbox.parked}), and the entries after it go out.
 * Its change is stored and audited; only its event did not reach the topic, and an
 * ADMIN republishes it once the cause is fixed ({@link ParkedEvents}).
 * <p>
 * One instance relays at a time ({@link RelayLease}); a pass renews the lease as it goes
 * and stops sending the moment the lease is lost.
 */
public final class OutboxRelay implements SmartLifecycle {

    public static final String PARKED = "outbox_parked";
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
    private final AtomicLong parked = new AtomicLong();
    private volatile boolean parkedCounted;
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
        Gauge.builder("anchang.outbox.parked", parked, AtomicLong::get)
                .description("outbox events the broker refused for good, parked in " + PARKED).register(meters);
    }

    /** A document of {@code collection} has new outbox entries. */
    public void wake(String collection, Object id) {
        collections.add(collection);
        wakeups.offer(new Key(collection, id));
    }

    /** Events parked because the broker refused them for good (as counted by this instance). */
    public long parked() {
        return parked.get();
    }

    /** Counts the parked events again (after an operator republished some). */
    public void recountParked() {
        parkedCounted = false;
        countParked();
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
                countParked();
                boolean complete = true;
                Key first = wakeups.poll(Math.max(1, Math.min(nextSweep - System.currentTimeMillis(),
                        lease.renewEvery().toMillis())), TimeUnit.MILLISECONDS);
                if (first != null) {
                    Set<Key> batch = new LinkedHashSet<>();
                    batch.add(first);
                    List<Key> more = new ArrayList<>();
                    wakeups.drainTo(more, properties.batchSize());
                    batch.addAll(more);
                    complete = relay(batch);
                }
                if (complete && System.currentTimeMillis() >= nextSweep) {
                    complete = sweep();
                    nextSweep = System.currentTimeMillis() + properties.sweepInterval().toMillis();
                }
                if (complete) {
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

    /**
     * Offers every document with pending entries, a page at a time in {@code _id} order:
     * however many wait (after a restart, say), one sweep reaches them all. True if all went out.
     */
    boolean sweep() {
        for (String collection : collections) {
            Object after = null;
            while (true) {
                Criteria pending = Criteria.where(OutboxEntries.FIELD + ".0").exists(true);
                Query query = Query.query(after == null ? pending : new Criteria().andOperator(pending, Criteria.where("_id").gt(after)))
                        .with(Sort.by("_id")).limit(properties.batchSize());
                query.fields().include("_id");
                List<Key> page = new ArrayList<>();
                template.find(query, Document.class, collection).map(d -> new Key(collection, d.get("_id")))
                        .toIterable().forEach(page::add);
                if (page.isEmpty()) {
                    break;
                }
                if (!relay(new LinkedHashSet<>(page))) {
                    return false;
                }
                if (page.size() < properties.batchSize()) {
                    break;
                }
                after = page.get(page.size() - 1).id();
            }
        }
        return true;
    }

    /** Relays the outbox of these documents. True if everything went out. */
    boolean relay(Set<Key> keys) {
        if (!lease.renewIfDue()) {
            return false;
        }
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
        AtomicBoolean leaseLost = new AtomicBoolean();
        List<CompletableFuture<Outcome>> sends = new ArrayList<>();
        for (Work w : work) {
            // a broker that is away makes each send block for max.block.ms: stop at the first one
            sends.add(unreachable.get() || leaseLost.get() ? CompletableFuture.completedFuture(Outcome.NONE)
                    : sendInOrder(w, unreachable, leaseLost));
        }
        boolean complete = true;
        Map<String, Done> done = new LinkedHashMap<>();
        for (int i = 0; i < work.size(); i++) {
            Work w = work.get(i);
            Outcome outcome = await(sends.get(i), properties.sendTimeout().multipliedBy(w.entries().size()), leaseLost);
            if (outcome.done() < w.entries().size()) {
                complete = false;
            }
            park(w, outcome.parked());
            if (outcome.done() > 0) {
                Done of = done.computeIfAbsent(w.collection(), c -> new Done());
                of.ids().add(w.id());
                of.events().addAll(outcome.sent());
                outcome.parked().forEach(p -> of.events().add(p.entry().getString("eventId")));
                of.sent().addAndGet(outcome.sent().size());
            }
        }
        // what the broker acknowledged (or what was parked) leaves its documents: one update per collection for the pass,
        // not one per document (issue 17); an event id is unique, so each document loses exactly its own entries
        done.forEach((collection, of) -> {
            Query query = Query.query(Criteria.where("_id").in(of.ids()));
            Update update = new Update().pull(OutboxEntries.FIELD, new Document("eventId", new Document("$in", of.events())));
            template.updateMulti(query, update, collection).block(properties.sendTimeout());
            published.increment(of.sent().get());
        });
        if (leaseLost.get()) {
            log.warn("the relay lease was lost during a pass; the instance holding it now relays what is left");
        } else if (!complete) {
            log.warn("some outbox entries could not be published yet; they stay in their documents and go out later");
        }
        return complete;
    }

    /** Waits for a document's sends, renewing the lease meanwhile; what was done so far if the time is up or the lease lost. */
    private Outcome await(CompletableFuture<Outcome> sending, Duration limit, AtomicBoolean leaseLost) {
        long deadline = System.nanoTime() + limit.toNanos();
        long slice = Math.max(1, lease.renewEvery().toMillis());
        while (true) {
            try {
                return sending.get(Math.max(1, Math.min(slice, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (!lease.renewIfDue()) {
                    leaseLost.set(true);
                }
                if (System.nanoTime() >= deadline) {
                    // whatever was acknowledged is known to the chain; the rest stays for later
                    return sending.getNow(Outcome.NONE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.NONE;
            } catch (ExecutionException e) {
                return Outcome.NONE;
            }
        }
    }

    /** Sends a document's entries one after the other; parks those refused for good; stops at the first other failure. */
    private CompletableFuture<Outcome> sendInOrder(Work work, AtomicBoolean unreachable, AtomicBoolean leaseLost) {
        List<String> sent = new ArrayList<>();
        List<Parked> refused = new ArrayList<>();
        CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
        for (Document entry : work.entries()) {
            chain = chain.thenCompose(ok -> {
                if (!ok || leaseLost.get()) {
                    return CompletableFuture.completedFuture(false);
                }
                return send(entry, unreachable).handle((result, error) -> {
                    if (error == null) {
                        synchronized (sent) {
                            sent.add(entry.getString("eventId"));
                        }
                        return true;
                    }
                    Throwable permanent = refusedForGood(error);
                    if (permanent != null) {
                        synchronized (sent) {
                            refused.add(new Parked(entry, permanent.toString()));
                        }
                        return true;
                    }
                    log.warn("could not publish {} {}: {}", entry.getString("type"), entry.getString("eventId"), error.toString());
                    return false;
                });
            });
        }
        return chain.thenApply(ok -> {
            synchronized (sent) {
                return new Outcome(List.copyOf(sent), List.copyOf(refused));
            }
        });
    }

    /** The broker's answer if it refuses the record for good: trying again would get the same. */
    private static Throwable refusedForGood(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException || cause instanceof SerializationException) {
                return cause;
            }
        }
        return null;
    }

    /** Keeps what the broker refused for good where an operator finds it, before it leaves the document. */
    private void park(Work work, List<Parked> refused) {
        for (Parked p : refused) {
            Document entry = p.entry();
            Document kept = new Document(entry).append("_id", entry.getString("eventId"))
                    .append("collection", work.collection()).append("documentId", work.id())
                    .append("reason", p.reason()).append("parkedAt", new Date());
            try {
                template.insert(kept, PARKED).block(properties.sendTimeout());
                parked.incrementAndGet();
            } catch (DuplicateKeyException before) {
                // parked on an earlier pass that crashed before removing it from the document
            }
            log.error("outbox event {} {} of {} {} refused by the broker for good and parked in {}: {}", entry.getString("type"),
                    entry.getString("eventId"), work.collection(), work.id(), PARKED, p.reason());
        }
    }

    private void countParked() {
        if (!parkedCounted) {
            Long count = template.count(new Query(), PARKED).block(properties.sendTimeout());
            parked.set(count == null ? 0 : count);
            parkedCounted = true;
        }
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
            if (refusedForGood(e) == null) {
                unreachable.set(true);
            }
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

    /** What a pass published (or parked) in one collection: the documents and the ids of their entries. */
    private record Done(List<Object> ids, List<String> events, AtomicLong sent) {
        Done() {
            this(new ArrayList<>(), new ArrayList<>(), new AtomicLong());
        }
    }

    private record Parked(Document entry, String reason) {
    }

    private record Outcome(List<String> sent, List<Parked> parked) {
        static final Outcome NONE = new Outcome(List.of(), List.of());

        int done() {
            return sent.size() + parked.size();
        }
    }
}
