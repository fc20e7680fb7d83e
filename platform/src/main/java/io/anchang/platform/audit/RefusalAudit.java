package io.anchang.platform.audit;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * R-SEC-4 (decision): every refused attempt is audited — even one naming a record that does
 * not exist — but a flood cannot crowd out a site's trail. Per user, site, kind of attempt and
 * window (a minute by default), the first {@link Limits#inFull()} attempts go on the trail in
 * full; the rest are counted in memory, the counts added up in the store every few seconds
 * ({@value #COLLECTION}, one document per window, shared by every instance), and once the
 * window has passed one summary entry says "N more refused attempts by X between t1 and t2".
 * 10,000 attempts by a rep in a minute make 10 + 1 entries, and cost the store a handful of
 * writes, not 10,000.
 *
 * <p>Each instance writes at most {@code inFull} entries per window in full; a crash loses at
 * most the counts of the last few seconds, never an entry written in full.
 */
public final class RefusalAudit {

    public static final String COLLECTION = "audit_refusals";
    public static final String SUMMARY_ACTION = "security.refusals-summarised";
    private static final Logger log = LoggerFactory.getLogger(RefusalAudit.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param inFull how many refusals per user, site, kind and window are written in full
     * @param window the window they are counted in
     * @param grace  how long after a window closes its summary is written (every instance has added its counts by then)
     */
    public record Limits(int inFull, Duration window, Duration grace) {
        public static final Limits DEFAULT = new Limits(10, Duration.ofMinutes(1), Duration.ofSeconds(20));
    }

    private final AuditTrail trail;
    private final ReactiveMongoTemplate template;
    private final Clock clock;
    private final Limits limits;
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();

    RefusalAudit(AuditTrail trail, ReactiveMongoTemplate template, Clock clock, Limits limits) {
        this.trail = trail;
        this.template = template;
        this.clock = clock;
        this.limits = limits;
    }

    /** Writes the refusal in full, or counts it for the window's summary. */
    public Mono<Void> record(AuditRecord refusal) {
        Instant now = clock.instant();
        long windowMillis = limits.window().toMillis();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        Key key = new Key(refusal.siteId(), String.valueOf(refusal.actor()), refusal.action(), start);
        Window window = windows.computeIfAbsent(key, k -> new Window());
        if (window.seen.incrementAndGet() <= limits.inFull()) {
            return trail.record(refusal);
        }
        window.overflow(refusal.at());
        return Mono.empty();
    }

    /** Adds the counts of this instance to the store; forgets windows long past. */
    public Mono<Void> flush() {
        Instant now = clock.instant();
        return Flux.fromIterable(List.copyOf(windows.entrySet()))
                .concatMap(entry -> {
                    Key key = entry.getKey();
                    Window window = entry.getValue();
                    Counted counted = window.take();
                    Mono<Void> write = counted == null ? Mono.empty() : template.findAndModify(
                            Query.query(Criteria.where("_id").is(key.id())),
                            new Update().inc("count", counted.count())
                                    .min("from", Date.from(counted.from()))
                                    .max("to", Date.from(counted.to()))
                                    .setOnInsert("siteId", key.site())
                                    .setOnInsert("actor", key.actor())
                                    .setOnInsert("action", key.action())
                                    .setOnInsert("windowStart", Date.from(key.start()))
                                    .setOnInsert("windowEnd", Date.from(key.start().plus(limits.window())))
                                    .setOnInsert("summarised", false),
                            FindAndModifyOptions.options().upsert(true), Document.class, COLLECTION)
                            .then()
                            .onErrorResume(error -> {
                                window.giveBack(counted); // counted again at the next flush
                                log.warn("could not add refused attempts to the store: {}", error.toString());
                                return Mono.empty();
                            });
                    return write.then(Mono.fromRunnable(() -> {
                        if (key.start().plus(limits.window()).plus(limits.grace()).isBefore(now) && window.isEmpty()) {
                            windows.remove(key, window);
                        }
                    }));
                })
                .then();
    }

    /** Writes one summary entry for every window that has passed with attempts beyond those written in full. */
    public Mono<Void> summarise() {
        Date closedBefore = Date.from(clock.instant().minus(limits.grace()));
        return template.find(Query.query(Criteria.where("summarised").is(false).and("windowEnd").lte(closedBefore)),
                        Document.class, COLLECTION)
                .concatMap(window -> {
                    String id = window.getString("_id");
                    long count = window.get("count", Number.class).longValue();
                    String actor = window.getString("actor");
                    String action = window.getString("action");
                    Instant from = window.getDate("from").toInstant();
                    Instant to = window.getDate("to").toInstant();
                    AuditRecord summary = new AuditRecord("refusals:" + id, window.getString("siteId"),
                            window.getDate("windowEnd").toInstant(), actor, SUMMARY_ACTION, action, null,
                            "{\"action\":\"" + action + "\",\"count\":" + count + ",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}",
                            "R-SEC-4 另有 " + count + " 次被拒绝的尝试（" + action + "），操作人 " + actor + "，" + from + " 至 " + to
                                    + " (" + count + " more refused attempts by " + actor + " between " + from + " and " + to + ")");
                    return trail.record(summary) // by event id: written once, however many instances summarise
                            .then(template.updateFirst(Query.query(Criteria.where("_id").is(id)),
                                    Update.update("summarised", true), COLLECTION))
                            .then();
                })
                .then(template.remove(Query.query(Criteria.where("summarised").is(true)
                        .and("windowEnd").lt(Date.from(clock.instant().minus(Duration.ofDays(1))))), COLLECTION).then());
    }

    private record Key(String site, String actor, String action, Instant start) {
        String id() {
            return site + "|" + actor + "|" + action + "|" + start.toEpochMilli();
        }
    }

    private record Counted(long count, Instant from, Instant to) {
    }

    /** One window of one user's refusals at one site, in this instance. */
    private static final class Window {
        final AtomicLong seen = new AtomicLong();
        private final AtomicReference<Counted> pending = new AtomicReference<>();

        void overflow(Instant at) {
            pending.accumulateAndGet(new Counted(1, at, at), Window::add);
        }

        Counted take() {
            return pending.getAndSet(null);
        }

        void giveBack(Counted counted) {
            pending.accumulateAndGet(counted, Window::add);
        }

        boolean isEmpty() {
            return pending.get() == null;
        }

        private static Counted add(Counted a, Counted b) {
            if (a == null) {
                return b;
            }
            return new Counted(a.count() + b.count(), a.from().isBefore(b.from()) ? a.from() : b.from(),
                    a.to().isAfter(b.to()) ? a.to() : b.to());
        }
    }
}
