package io.anchang.platform.audit;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** R-SEC-4 (decision): every refused attempt is audited, but a flood of them is summarised and cannot crowd out a site's trail. */
class RefusalAuditIntegrationTest {

    static final String REFUSED = "security.payment-refused";

    MongoClient client;
    ReactiveMongoTemplate template;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:05Z"));
    AuditTrail trail;
    String site = "R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @BeforeEach
    void trail() {
        client = MongoClients.create(SharedMongo.uri("platform-audit-it"));
        template = new ReactiveMongoTemplate(client, "platform-audit-it");
        trail = new AuditTrail(template, AuditKey.of(TestDefaults.AUDIT_KEY), clock, RefusalAudit.Limits.DEFAULT);
        trail.prepare().block();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    @DisplayName("R-SEC-4 10,000 refused confirmations by a rep make 10 entries in full and one summary counting the other 9,990")
    void aFloodOfRefusalsIsSummarised() {
        Flux.range(0, 10_000)
                .flatMap(i -> trail.recordRefusal(refusal("rep1", "request-" + i)), 64)
                .blockLast(Duration.ofMinutes(2));
        // a colleague's refusal in the same minute is on the trail in full all the same
        trail.recordRefusal(refusal("rep2", "request-x")).block();
        trail.refusals().flush().block();
        assertThat(entries()).hasSize(11);

        clock.advance(Duration.ofMinutes(2));
        trail.refusals().flush().then(trail.refusals().summarise()).block();
        trail.refusals().summarise().block(); // twice, as two instances would: one summary all the same

        List<AuditEntry> entries = entries();
        assertThat(entries).hasSize(12);
        assertThat(entries.stream().filter(e -> e.action().equals(REFUSED) && "rep1".equals(e.actor()))).hasSize(10);
        AuditEntry summary = entries.stream().filter(e -> e.action().equals(RefusalAudit.SUMMARY_ACTION)).findFirst().orElseThrow();
        assertThat(summary.actor()).isEqualTo("rep1");
        assertThat(summary.subject()).isEqualTo(REFUSED);
        assertThat(summary.after()).contains("\"count\":9990");
        assertThat(summary.reason()).contains("9990 more refused attempts by rep1 between");
        assertThat(trail.verify(site).block().intact()).isTrue();
    }

    @Test
    @DisplayName("R-SEC-4 each new minute starts afresh: the first refusals of the next window are in full again")
    void eachWindowStartsAfresh() {
        for (int i = 0; i < 15; i++) {
            trail.recordRefusal(refusal("rep1", "a-" + i)).block();
        }
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            trail.recordRefusal(refusal("rep1", "b-" + i)).block();
        }
        clock.advance(Duration.ofMinutes(2));
        trail.refusals().flush().then(trail.refusals().summarise()).block();
        List<AuditEntry> entries = entries();
        assertThat(entries.stream().filter(e -> e.action().equals(REFUSED))).hasSize(13);
        assertThat(entries.stream().filter(e -> e.action().equals(RefusalAudit.SUMMARY_ACTION)))
                .singleElement().satisfies(summary -> assertThat(summary.after()).contains("\"count\":5"));
    }

    private AuditRecord refusal(String actor, String requestId) {
        return new AuditRecord(UUID.randomUUID().toString(), site, clock.instant(), actor, REFUSED, requestId, null,
                "{\"roles\":\"[SALES]\"}", "R-SEC-2 只有财务可以收款");
    }

    private List<AuditEntry> entries() {
        return trail.latest(site, 1000).collectList().block();
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
