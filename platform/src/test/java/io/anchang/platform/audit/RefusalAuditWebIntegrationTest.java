package io.anchang.platform.audit;

import io.anchang.platform.testapp.TestApp;
import io.anchang.platform.testapp.TestController;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TestIssuer;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-SEC-4 (decision) across the web side of every service: a 403 given to a signed-in caller — by the site check
 * at the door, by the security chain's role rules, by a use case — is on a trail before it is answered: the site's
 * when the caller may read it, else the caller's own; once, even when its own path audited it; a flood of them
 * rate limited. And the trail can be paged back through with {@code before=<seq>}.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RefusalAuditWebIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "platform-refusal-audit-it");
    }

    static final TestIssuer ISSUER = TestIssuer.shared();

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate template;

    @Autowired
    AuditTrail trail;

    @Test
    @DisplayName("R-SEC-4 a SALES refused a MANAGER-only operation, and refused an ADMIN-only route by the security chain, is on "
            + "the site's own trail: who, what, when, why, Chinese first; the chain verifies")
    void aSameSiteRoleRefusalGoesToTheSitesTrail() {
        String site = newSite();
        String rep = "rep-" + UUID.randomUUID();
        String token = ISSUER.token(rep, "SALES", site);
        Instant before = Instant.now();
        web.get().uri("/api/test/sites/" + site + "/managers-only").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:role-required");
        web.get().uri("/api/test/sites/" + site + "/admin-only/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:forbidden");

        List<Document> entries = refusals(site, rep);
        assertThat(entries).extracting(e -> e.getString("subject"))
                .containsExactlyInAnyOrder("/api/test/sites/" + site + "/managers-only", "/api/test/sites/" + site + "/admin-only/things");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.getString("reason")).startsWith("R-SEC-4 拒绝：").contains("试图 GET /api/test/sites/" + site);
            assertThat(entry.getString("after")).contains("\"roles\":\"[SALES]\"").contains("\"method\":\"GET\"");
            assertThat(entry.getDate("at").toInstant()).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
        });
        assertThat(entries).extracting(e -> e.getString("after")).anySatisfy(after -> assertThat(after).contains("\"problem\":\"role-required\""))
                .anySatisfy(after -> assertThat(after).contains("\"problem\":\"forbidden\""));
        assertThat(trail.verify(site).block().intact()).isTrue();
    }

    @Test
    @DisplayName("R-SEC-4 a caller of another site refused at the door (site-access-denied) is on the caller's own trail, "
            + "and leaves no trace in the site it tried")
    void aForeignCallersRefusalGoesToTheCallersOwnTrail() {
        String own = newSite();
        String victim = newSite();
        String manager = "mgr-" + UUID.randomUUID();
        String token = ISSUER.token(manager, "MANAGER", own);
        web.get().uri("/api/test/sites/" + victim + "/managers-only").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        web.post().uri("/api/test/sites/" + victim + "/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.CONTENT_TYPE, "application/json").bodyValue("{}").exchange()
                .expectStatus().isForbidden();

        assertThat(refusals(own, manager)).extracting(e -> e.getString("subject"))
                .containsExactlyInAnyOrder("/api/test/sites/" + victim + "/managers-only", "/api/test/sites/" + victim + "/orders");
        assertThat(refusals(own, manager)).allSatisfy(entry -> assertThat(entry.getString("after")).contains("\"site\":\"" + victim + "\"")
                .contains("site-access-denied"));
        assertThat(template.count(Query.query(Criteria.where("siteId").is(victim)), AuditTrail.ENTRIES).block())
                .as("nothing on the victim's trail").isZero();
    }

    @Test
    @DisplayName("R-SEC-4 HEAD_OFFICE, which reads every site, refused a write is on that site's trail when the site has one; "
            + "a made-up site name starts no trail (a flood of names cannot make trails), the refusal goes to its own site's")
    void headOfficesRefusalStartsNoTrailForAMadeUpSite() {
        String real = newSite();
        String own = newSite();
        String madeUp = newSite();
        trail.record(new AuditRecord(UUID.randomUUID().toString(), real, Instant.now(), "someone", "test.opened", "x", null, null,
                "the site's trail exists")).block();
        String hq = "hq-" + UUID.randomUUID();
        String token = ISSUER.token(hq, "HEAD_OFFICE", own);
        for (String site : List.of(real, madeUp)) {
            web.post().uri("/api/test/sites/" + site + "/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header(HttpHeaders.CONTENT_TYPE, "application/json").bodyValue("{}").exchange()
                    .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        }

        assertThat(refusals(real, hq)).extracting(e -> e.getString("subject")).containsExactly("/api/test/sites/" + real + "/orders");
        assertThat(template.exists(Query.query(Criteria.where("_id").is(madeUp)), AuditTrail.HEADS).block())
                .as("no trail for a site that has none").isFalse();
        assertThat(template.count(Query.query(Criteria.where("siteId").is(madeUp)), AuditTrail.ENTRIES).block()).isZero();
        assertThat(refusals(own, hq)).extracting(e -> e.getString("subject")).containsExactly("/api/test/sites/" + madeUp + "/orders");
    }

    @Test
    @DisplayName("R-SEC-4 a refusal its own use case audited (as a phone reveal does) is on the trail once, not twice")
    void aRefusalAuditedByItsOwnPathIsWrittenOnce() {
        String site = newSite();
        String rep = "rep-" + UUID.randomUUID();
        web.get().uri("/api/test/sites/" + site + "/secrets/s-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + ISSUER.token(rep, "SALES", site))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:secret-refused");

        List<Document> all = template.find(Query.query(Criteria.where("siteId").is(site).and("actor").is(rep)), Document.class,
                AuditTrail.ENTRIES).collectList().block();
        assertThat(all).extracting(e -> e.getString("action")).containsExactly(TestController.SECRET_REFUSED);
    }

    @Test
    @DisplayName("R-SEC-4 25 refusals of one user in a minute: 10 on the trail in full, the rest counted for the window's summary")
    void aFloodOfRefusalsIsRateLimited() {
        String site = newSite();
        String rep = "rep-" + UUID.randomUUID();
        String token = ISSUER.token(rep, "SALES", site);
        for (int i = 0; i < 25; i++) {
            web.get().uri("/api/test/sites/" + site + "/managers-only?try=" + i).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isForbidden();
        }
        List<Document> inFull = refusals(site, rep);
        // the 25 fall into one window of a minute, or (at a minute's turn) two: never more than 10 in full in either
        Map<Instant, Long> perMinute = inFull.stream().collect(Collectors.groupingBy(
                e -> e.getDate("at").toInstant().truncatedTo(ChronoUnit.MINUTES), Collectors.counting()));
        assertThat(perMinute.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(10));
        assertThat(inFull).hasSizeBetween(10, 20);

        trail.refusals().flush().block();
        long counted = template.find(Query.query(Criteria.where("siteId").is(site).and("actor").is(rep)), Document.class,
                RefusalAudit.COLLECTION).toStream().mapToLong(w -> w.get("count", Number.class).longValue()).sum();
        assertThat(inFull.size() + counted).as("every refusal written or counted for its summary").isEqualTo(25);
    }

    @Test
    @DisplayName("the audit list pages back with before=<seq>: newest first, below the number given, to the first entry; a bad before is a 400 in Chinese first")
    void theTrailPagesBackWithBefore() {
        String site = newSite();
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            records.add(new AuditRecord(UUID.randomUUID().toString(), site, Instant.now(), "mgr", "test.change", "agg-" + i, null, "{}", "test"));
        }
        trail.recordAll(records);
        String admin = "Bearer " + ISSUER.token("admin-" + site, "ADMIN", site);
        List<Long> seen = new ArrayList<>();
        String uri = "/api/test/sites/" + site + "/audit?limit=3";
        List<Long> page = seqs(uri, admin);
        while (!page.isEmpty()) {
            assertThat(page).isSortedAccordingTo((a, b) -> Long.compare(b, a)).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page);
            page = seqs(uri + "&before=" + page.get(page.size() - 1), admin);
        }
        assertThat(seen).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);

        for (String bad : List.of("0", "-3")) {
            web.get().uri(uri + "&before=" + bad).header(HttpHeaders.AUTHORIZATION, admin).exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:before-invalid")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("before 须是审计条目的序号"));
        }
        web.get().uri(uri + "&before=lots").header(HttpHeaders.AUTHORIZATION, admin).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:invalid-input");
        web.get().uri("/api/test/sites/" + site + "/audit?limit=0&before=3").header(HttpHeaders.AUTHORIZATION, admin).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:limit-invalid");
    }

    private List<Long> seqs(String uri, String auth) {
        List<Map<String, Object>> body = web.get().uri(uri).header(HttpHeaders.AUTHORIZATION, auth).exchange()
                .expectStatus().isOk().expectBodyList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        return body.stream().map(entry -> ((Number) entry.get("seq")).longValue()).toList();
    }

    private List<Document> refusals(String site, String actor) {
        return template.find(Query.query(Criteria.where("siteId").is(site).and("actor").is(actor).and("action").is(RefusalAuditor.ACTION)),
                Document.class, AuditTrail.ENTRIES).collectList().block();
    }

    private static String newSite() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase(Locale.ROOT);
    }
}
