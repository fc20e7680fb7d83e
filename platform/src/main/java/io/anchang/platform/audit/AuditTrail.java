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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An append-only, per-site hash chain of {@link AuditEntry entries}. Appending takes the
 * site's head (last sequence number and hash), inserts the next entry under the unique id
 * {@code site:seq} — so two writers can never both take a number — then moves the head on.
 * A head left behind by a crash is repaired by the next writer. Entries are unique by
 * event id, so the relay may record an event again after a crash without a second entry.
 */
public final class AuditTrail {

    public static final String ENTRIES = "audit_trail";
    public static final String HEADS = "audit_heads";
    static final String GENESIS = "0".repeat(64);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate template;

    public AuditTrail(ReactiveMongoTemplate template) {
        this.template = template;
    }

    /** Creates the unique index on event ids; run once at start. */
    public Mono<Void> prepare() {
        return template.indexOps(ENTRIES).createIndex(new Index().on("eventId", Sort.Direction.ASC).unique()).then();
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
        Update update = Update.update("seq", to).set("hash", hash);
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

    /** The latest entries of a site, newest first. */
    public Flux<AuditEntry> latest(String site, int limit) {
        Query query = Query.query(Criteria.where("siteId").is(site)).with(Sort.by(Sort.Direction.DESC, "seq")).limit(limit);
        return template.find(query, Document.class, ENTRIES).map(AuditTrail::fromDocument);
    }

    /** Re-walks the site's chain: numbering without gaps, each link, each entry's hash. */
    public Mono<AuditVerification> verify(String site) {
        Query query = Query.query(Criteria.where("siteId").is(site)).with(Sort.by(Sort.Direction.ASC, "seq"));
        return template.find(query, Document.class, ENTRIES).map(AuditTrail::fromDocument).collectList().map(entries -> {
            String prev = GENESIS;
            long expected = 1;
            for (AuditEntry entry : entries) {
                if (entry.seq() != expected) {
                    return new AuditVerification(site, entries.size(), false, expected, "entry " + expected + " is missing");
                }
                if (!prev.equals(entry.prevHash())) {
                    return new AuditVerification(site, entries.size(), false, entry.seq(), "entry " + entry.seq() + " does not link to the one before");
                }
                if (!hash(entry).equals(entry.hash())) {
                    return new AuditVerification(site, entries.size(), false, entry.seq(), "entry " + entry.seq() + " was changed after it was written");
                }
                prev = entry.hash();
                expected++;
            }
            return new AuditVerification(site, entries.size(), true, null, null);
        });
    }

    static String hash(AuditEntry e) {
        String canonical = String.join("\u001f", e.prevHash(), e.siteId(), Long.toString(e.seq()), e.eventId(),
                e.at().toString(), String.valueOf(e.actor()), e.action(), String.valueOf(e.subject()),
                String.valueOf(e.before()), String.valueOf(e.after()), String.valueOf(e.reason()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
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
