package io.anchang.platform.audit;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.anchang.testing.SharedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** R-SEC-4: the audit trail is append-only and hash-chained per site; an edited or removed entry is detected. */
class AuditTrailIntegrationTest {

    MongoClient client;
    ReactiveMongoTemplate template;
    AuditTrail trail;
    String site = "S" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @BeforeEach
    void trail() {
        client = MongoClients.create(SharedMongo.uri("platform-audit-it"));
        template = new ReactiveMongoTemplate(client, "platform-audit-it");
        trail = new AuditTrail(template, AuditKey.of(io.anchang.testing.TestDefaults.AUDIT_KEY));
        trail.prepare().block();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    @DisplayName("R-SEC-4 every change is on the trail in order, and the chain verifies")
    void entriesChainInOrder() {
        trail.recordAll(records(5));
        AuditVerification verification = trail.verify(site).block();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isEqualTo(5);
        assertThat(trail.latest(site, 10).map(AuditEntry::action).collectList().block())
                .containsExactly("test.change-5", "test.change-4", "test.change-3", "test.change-2", "test.change-1");
    }

    @Test
    @DisplayName("R-SEC-4 an entry edited in the store is detected at its place in the chain")
    void anEditedEntryIsDetected() {
        trail.recordAll(records(5));
        template.updateFirst(Query.query(Criteria.where("_id").is(site + ":3")), Update.update("after", "{\"price\":1}"),
                AuditTrail.ENTRIES).block();
        AuditVerification verification = trail.verify(site).block();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(3L);
    }

    @Test
    @DisplayName("R-SEC-4 a removed entry is detected")
    void aRemovedEntryIsDetected() {
        trail.recordAll(records(5));
        template.remove(Query.query(Criteria.where("_id").is(site + ":2")), AuditTrail.ENTRIES).block();
        AuditVerification verification = trail.verify(site).block();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    @DisplayName("R-SEC-4 the same event recorded twice is on the trail once")
    void recordingTwiceRecordsOnce() {
        List<AuditRecord> records = records(3);
        trail.recordAll(records);
        trail.recordAll(records);
        assertThat(trail.verify(site).block().entries()).isEqualTo(3);
    }

    @Test
    @DisplayName("R-SEC-4 writers appending at the same time leave one gap-free chain")
    void concurrentWritersKeepOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            writes.add(pool.submit(() -> records(10).forEach(r -> trail.recordAll(List.of(r)))));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();
        AuditVerification verification = trail.verify(site).block();
        assertThat(verification.intact()).as(String.valueOf(verification.problem())).isTrue();
        assertThat(verification.entries()).isEqualTo(40);
    }

    @Test
    @DisplayName("R-SEC-4 a head left behind by a crash is repaired by the next writer")
    void aStaleHeadIsRepaired() {
        trail.recordAll(records(2));
        template.updateFirst(Query.query(Criteria.where("_id").is(site)), Update.update("seq", 1L)
                .set("hash", template.findById(site + ":1", Document.class, AuditTrail.ENTRIES).block().getString("hash")),
                AuditTrail.HEADS).block();
        trail.recordAll(records(1));
        AuditVerification verification = trail.verify(site).block();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isEqualTo(3);
    }

    @Test
    @DisplayName("R-SEC-4 a trail cut at its end is detected: the stored head names entries that are gone")
    void aTrailCutAtItsEndIsDetected() {
        trail.recordAll(records(5));
        template.remove(Query.query(Criteria.where("_id").in(site + ":4", site + ":5")), AuditTrail.ENTRIES).block();
        AuditVerification verification = trail.verify(site).block();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(4L);
        assertThat(verification.problem()).contains("cut at its end");
    }

    @Test
    @DisplayName("R-SEC-4 a cut whose head is moved back by hand is detected: the head is keyed too")
    void aHeadMovedBackByHandIsDetected() {
        trail.recordAll(records(5));
        String third = template.findById(site + ":3", Document.class, AuditTrail.ENTRIES).block().getString("hash");
        template.remove(Query.query(Criteria.where("_id").in(site + ":4", site + ":5")), AuditTrail.ENTRIES).block();
        template.updateFirst(Query.query(Criteria.where("_id").is(site)), Update.update("seq", 3L).set("hash", third),
                AuditTrail.HEADS).block();
        AuditVerification verification = trail.verify(site).block();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.problem()).contains("head");
    }

    @Test
    @DisplayName("R-SEC-4 an entry rewritten in the store with the whole chain's plain hashes recomputed is detected: the chain is keyed")
    void aRewriteWithRecomputedPlainHashesIsDetected() throws Exception {
        trail.recordAll(records(5));
        // someone with database access but without the key changes entry 3 and recomputes every hash after it, head included
        String prev = template.findById(site + ":2", Document.class, AuditTrail.ENTRIES).block().getString("hash");
        for (long seq = 3; seq <= 5; seq++) {
            Document entry = template.findById(site + ":" + seq, Document.class, AuditTrail.ENTRIES).block();
            String after = seq == 3 ? "{\"price\":1}" : entry.getString("after");
            String canonical = String.join("\u001f", prev, site, Long.toString(seq), entry.getString("eventId"),
                    entry.getString("atText"), entry.getString("actor"), entry.getString("action"), entry.getString("subject"),
                    entry.getString("before"), after, entry.getString("reason"));
            String forged = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            template.updateFirst(Query.query(Criteria.where("_id").is(site + ":" + seq)),
                    Update.update("after", after).set("prevHash", prev).set("hash", forged), AuditTrail.ENTRIES).block();
            prev = forged;
        }
        template.updateFirst(Query.query(Criteria.where("_id").is(site)), Update.update("hash", prev), AuditTrail.HEADS).block();
        AuditVerification verification = trail.verify(site).block();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isLessThanOrEqualTo(3L);
    }

    @Test
    @DisplayName("R-SEC-4 a trail is checked with another key: nothing verifies")
    void anotherKeyVerifiesNothing() {
        trail.recordAll(records(3));
        AuditTrail elsewhere = new AuditTrail(template, AuditKey.of("another-key-of-at-least-thirty-two-characters"));
        assertThat(elsewhere.verify(site).block().intact()).isFalse();
    }

    @Test
    @DisplayName("R-SEC-4 a long trail is walked in pages and verifies")
    void aLongTrailIsWalkedInPages() {
        trail.recordAll(records(AuditTrail.PAGE * 2 + 7));
        AuditVerification verification = trail.verify(site).block();
        assertThat(verification.intact()).as(String.valueOf(verification.problem())).isTrue();
        assertThat(verification.entries()).isEqualTo(AuditTrail.PAGE * 2 + 7);
        template.remove(Query.query(Criteria.where("_id").is(site + ":" + (AuditTrail.PAGE + 3))), AuditTrail.ENTRIES).block();
        assertThat(trail.verify(site).block().firstBrokenSeq()).isEqualTo(AuditTrail.PAGE + 3L);
    }

    private int counter;

    private List<AuditRecord> records(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> {
            int k;
            synchronized (this) {
                k = ++counter;
            }
            return new AuditRecord(UUID.randomUUID().toString(), site, Instant.now(), "mgr-1", "test.change-" + i,
                    "agg-" + k, "{\"v\":" + (k - 1) + "}", "{\"v\":" + k + "}", "test");
        }).toList();
    }
}
