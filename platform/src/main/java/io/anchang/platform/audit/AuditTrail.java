package io.anchang.platform.audit;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * An append-only, per-site chain of {@link AuditEntry entries}, keyed: each entry's hash is an
 * HMAC (see {@link AuditKey}) over its content and the previous hash, so that database access
 * alone cannot rewrite it. Appending takes the site's head (last sequence number and hash),
 * inserts the next entry under the unique id {@code site:seq} — so two writers can never both
 * take a number — then moves the head on, conditionally on where it was. The head never runs
 * ahead of the entries; a head left behind by a crash is repaired by the next writer and
 * accepted by verification, which also finds a trail cut at its end: the stored head names an
 * entry that is gone. Entries are unique by event id, so the relay may record an event again
 * after a crash without a second entry.
 *
 * <p>Refused attempts go through {@link #recordRefusal(AuditRecord)}: the first few per user,
 * site and minute in full, the rest summarised (R-SEC-4), see {@link RefusalAudit}.
 */
public final class AuditTrail {

    public static final String ENTRIES = "audit_trail";
    public static final String HEADS = "audit_heads";
    static final String GENESIS = "0".repeat(64);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Entries read at a time when the chain is walked. */
    static final int PAGE = 500;

    private final ReactiveMongoTemplate template;
    private final AuditKey key;
    private final RefusalAudit refusals;

    public AuditTrail(ReactiveMongoTemplate template, AuditKey key) {
        this(template, key, java.time.Clock.systemUTC(), RefusalAudit.Limits.DEFAULT);
    }

    public AuditTrail(ReactiveMongoTemplate template, AuditKey key, java.time.Clock clock, RefusalAudit.Limits limits) {
        this.template = template;
        this.key = key;
        this.refusals = new RefusalAudit(this, template, clock, limits);
    }

    /**
     * R-SEC-4: a refused attempt — audited even when the record it names does not exist; a
     * flood of them by one user at one site is written in full only for the first few per
     * window and summarised after, so it cannot crowd out the site's trail.
     */
    public Mono<Void> recordRefusal(AuditRecord refusal) {
        return refusals.record(refusal);
    }

    /** Whether the site has a trail here already (its head): a refusal naming a site that has none starts none (R-SEC-4). */
    public Mono<Boolean> hasTrail(String site) {
        return template.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(site)), HEADS);
    }

        /** The refusals' counting and summaries, run by a scheduler of the service. */
    public RefusalAudit refusals() {
        return refusals;
    }

    /** Creates the unique index on event ids; run once at start. */
    public Mono<Void> prepare() {
        return template.indexOps(ENTRIES).createIndex(new Index().on("eventId", Sort.Direction.ASC).unique()).then();
    }

    /** Whether an entry of this event id is on a trail. */
    boolean contains(String eventId) {
        return Boolean.TRUE.equals(template.exists(Query.query(Criteria.where("eventId").is(eventId)), ENTRIES).block(TIMEOUT));
    }

    /** Records one thing (a refused attempt, say) from reactive code. */
    public Mono<Void> record(AuditRecord record) {
        return Mono.fromRunnable(() -> recordAll(List.of(record))).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** Records these, in order, blocking; those already on the trail are skipped. */
    public void recordAll(List<AuditRecord> records) {
        Map<String, List<AuditRecord>> bySite = new LinkedHashMap<>();
        records.forEach(r -> bySite.computeIfAbsent(r.siteId(), s -> new ArrayList<>()).add(r));
        bySite.forEach(this::appendToSite);
    }

    private void appendToSite(String site, List<AuditRecord> records) {
        Set<String> known = new HashSet<>();
        template.find(Query.query(Criteria.where("eventId").in(records.stream().map(AuditRecord::eventId).toList())),
                        Document.class, ENTRIES)
                .map(d -> d.getString("eventId")).toIterable().forEach(known::add);
        List<AuditRecord> fresh = new ArrayList<>();
        for (AuditRecord record : records) {
            if (known.add(record.eventId())) {
                fresh.add(record);
            }
        }
        if (fresh.isEmpty() || appendBatch(site, fresh)) {
            return;
        }
        // another writer got in between: one at a time, each finding its place
        for (AuditRecord record : fresh) {
            if (!template.exists(Query.query(Criteria.where("eventId").is(record.eventId())), ENTRIES).block(TIMEOUT)) {
                append(site, record);
            }
        }
    }

    /**
     * Appends the records as one chained run after the head, in one insert, then moves the
     * head once. False (nothing appended) if another writer took one of the numbers first.
     */
    private boolean appendBatch(String site, List<AuditRecord> records) {
        Document head = template.findById(site, Document.class, HEADS).block(TIMEOUT);
        long seq = head == null ? 0 : head.get("seq", Number.class).longValue();
        String prevHash = head == null ? GENESIS : head.getString("hash");
        if (template.exists(Query.query(Criteria.where("_id").is(site + ":" + (seq + 1))), ENTRIES).block(TIMEOUT)) {
            return false; // the head is behind: let the one-at-a-time path repair it
        }
        List<Document> documents = new ArrayList<>();
        long next = seq;
        String hash = prevHash;
        for (AuditRecord record : records) {
            next++;
            AuditEntry entry = new AuditEntry(next, record.eventId(), site, record.at(), record.actor(), record.action(),
                    record.subject(), record.before(), record.after(), record.reason(), hash, null);
            hash = hash(entry);
            documents.add(toDocument(entry, hash));
        }
        try {
            template.insert(documents, ENTRIES).then().block(TIMEOUT);
        } catch (DuplicateKeyException taken) {
            // an ordered insert stops at the first taken number: remove what this batch wrote before it
            List<String> ids = documents.stream().map(d -> d.getString("_id")).toList();
            List<String> eventIds = records.stream().map(AuditRecord::eventId).toList();
            template.remove(Query.query(Criteria.where("_id").in(ids).and("eventId").in(eventIds)), ENTRIES).block(TIMEOUT);
            return false;
        }
        advanceHead(site, seq, next, hash);
        return true;
    }

    private void append(String site, AuditRecord record) {
        for (int attempt = 0; attempt < 100; attempt++) {
            Document head = template.findById(site, Document.class, HEADS).block(TIMEOUT);
            long seq = head == null ? 0 : head.get("seq", Number.class).longValue();
            String prevHash = head == null ? GENESIS : head.getString("hash");
            long next = seq + 1;
            AuditEntry entry = new AuditEntry(next, record.eventId(), site, record.at(), record.actor(), record.action(),
                    record.subject(), record.before(), record.after(), record.reason(), prevHash, null);
            String hash = hash(entry);
            try {
                template.insert(toDocument(entry, hash), ENTRIES).block(TIMEOUT);
            } catch (DuplicateKeyException taken) {
                if (template.exists(Query.query(Criteria.where("eventId").is(record.eventId())), ENTRIES).block(TIMEOUT)) {
                    return; // recorded meanwhile by another writer
                }
                repairHead(site, seq);
                continue;
            }
            advanceHead(site, seq, next, hash);
            return;
        }
        throw new IllegalStateException("could not append to the audit trail of " + site + " after 100 attempts");
    }

    /** The entry after the head exists (a writer stopped before moving the head): move it. */
    private void repairHead(String site, long seq) {
        Document entry = template.findById(site + ":" + (seq + 1), Document.class, ENTRIES).block(TIMEOUT);
        if (entry != null) {
            advanceHead(site, seq, seq + 1, entry.getString("hash"));
        }
    }

    private void advanceHead(String site, long from, long to, String hash) {
        Query query = Query.query(Criteria.where("_id").is(site).and("seq").is(from));
        Update update = Update.update("seq", to).set("hash", hash).set("mac", headMac(site, to, hash));
        if (from == 0) {
            try {
                template.upsert(query, update, HEADS).block(TIMEOUT);
            } catch (DuplicateKeyException raced) {
                // another writer created the head first; the next append repairs it if needed
            }
        } else {
            template.updateFirst(query, update, HEADS).block(TIMEOUT);
        }
    }

    private String headMac(String site, long seq, String hash) {
        return key.mac("head\u001f" + site + "\u001f" + seq + "\u001f" + hash);
    }

    /** The latest entries of a site, newest first. */
    public Flux<AuditEntry> latest(String site, int limit) {
        Query query = Query.query(Criteria.where("siteId").is(site)).with(Sort.by(Sort.Direction.DESC, "seq")).limit(limit);
        return template.find(query, Document.class, ENTRIES).map(AuditTrail::fromDocument);
    }

    /** The latest entries of a site numbered below {@code seq}, newest first: the page before one whose smallest number is {@code seq}. */
    public Flux<AuditEntry> before(String site, long seq, int limit) {
        Query query = Query.query(Criteria.where("siteId").is(site).and("seq").lt(seq))
                .with(Sort.by(Sort.Direction.DESC, "seq")).limit(limit);
        return template.find(query, Document.class, ENTRIES).map(AuditTrail::fromDocument);
    }

    /**
     * Re-walks the site's chain, {@value #PAGE} entries at a time: numbering without gaps, each
     * link, each entry's keyed hash; then the stored head — an entry it names that is gone means
     * the trail was cut at its end. Entries past the head (a writer stopped before moving it) are
     * fine when they chain on.
     */
    public Mono<AuditVerification> verify(String site) {
        return Mono.fromCallable(() -> walk(site)).subscribeOn(Schedulers.boundedElastic());
    }

    private AuditVerification walk(String site) {
        Document head = template.findById(site, Document.class, HEADS).block(TIMEOUT);
        long headSeq = head == null ? 0 : head.get("seq", Number.class).longValue();
        String headHash = head == null ? GENESIS : head.getString("hash");
        boolean headForged = head != null && !headMac(site, headSeq, headHash).equals(head.getString("mac"));
        String prev = GENESIS;
        long count = 0;
        while (true) {
            long from = count + 1;
            List<String> ids = LongStream.range(from, from + PAGE).mapToObj(seq -> site + ":" + seq).toList();
            Map<Long, AuditEntry> page = new HashMap<>();
            template.find(Query.query(Criteria.where("_id").in(ids)), Document.class, ENTRIES)
                    .map(AuditTrail::fromDocument).toIterable().forEach(entry -> page.put(entry.seq(), entry));
            for (long seq = from; seq < from + PAGE; seq++) {
                AuditEntry entry = page.get(seq);
                if (entry == null) {
                    if (headForged) {
                        return new AuditVerification(site, count, false, headSeq, "the head of the trail was changed outside the service");
                    }
                    return ended(site, count, head != null, headSeq);
                }
                if (!prev.equals(entry.prevHash())) {
                    return new AuditVerification(site, count, false, seq, "entry " + seq + " does not link to the one before");
                }
                if (!hash(entry).equals(entry.hash())) {
                    return new AuditVerification(site, count, false, seq, "entry " + seq + " was changed after it was written");
                }
                if (seq == headSeq && !entry.hash().equals(headHash)) {
                    return new AuditVerification(site, count, false, seq, "entry " + seq + " is not the one the head of the trail names");
                }
                prev = entry.hash();
                count++;
            }
        }
    }

    /** The walk found {@code count} entries and no next one: the end of the trail, a gap, or a cut. */
    private AuditVerification ended(String site, long count, boolean hasHead, long headSeq) {
        long missing = count + 1;
        if (count < headSeq) {
            return new AuditVerification(site, count, false, missing, later(site, missing)
                    ? "entry " + missing + " is missing"
                    : "the trail was cut at its end: entries " + missing + " to " + headSeq + " are missing");
        }
        if (count > 0 && !hasHead) {
            return new AuditVerification(site, count, false, null, "the head of the trail is missing");
        }
        if (later(site, missing)) {
            return new AuditVerification(site, count, false, missing, "entry " + missing + " is missing");
        }
        return new AuditVerification(site, count, true, null, null);
    }

    /** Whether any entry of the site comes after {@code seq}. */
    private boolean later(String site, long seq) {
        return Boolean.TRUE.equals(template.exists(Query.query(Criteria.where("siteId").is(site).and("seq").gt(seq)),
                ENTRIES).block(TIMEOUT));
    }

    /** The entry's keyed hash: HMAC-SHA256 over its content and the previous hash. */
    String hash(AuditEntry e) {
        String canonical = String.join("\u001f", e.prevHash(), e.siteId(), Long.toString(e.seq()), e.eventId(),
                e.at().toString(), String.valueOf(e.actor()), e.action(), String.valueOf(e.subject()),
                String.valueOf(e.before()), String.valueOf(e.after()), String.valueOf(e.reason()));
        return key.mac(canonical);
    }

    private static Document toDocument(AuditEntry e, String hash) {
        return new Document("_id", e.siteId() + ":" + e.seq())
                .append("seq", e.seq())
                .append("eventId", e.eventId())
                .append("siteId", e.siteId())
                .append("at", Date.from(e.at()))
                .append("atText", e.at().toString())
                .append("actor", e.actor())
                .append("action", e.action())
                .append("subject", e.subject())
                .append("before", e.before())
                .append("after", e.after())
                .append("reason", e.reason())
                .append("prevHash", e.prevHash())
                .append("hash", hash);
    }

    private static AuditEntry fromDocument(Document d) {
        return new AuditEntry(d.get("seq", Number.class).longValue(), d.getString("eventId"), d.getString("siteId"),
                java.time.Instant.parse(d.getString("atText")), d.getString("actor"), d.getString("action"),
                d.getString("subject"), d.getString("before"), d.getString("after"), d.getString("reason"),
                d.getString("prevHash"), d.getString("hash"));
    }
}
