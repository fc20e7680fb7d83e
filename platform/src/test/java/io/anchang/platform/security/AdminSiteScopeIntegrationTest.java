package io.anchang.platform.security;

import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.testapp.TestApp;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TestIssuer;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-SEC-1 for the platform's ADMIN operations: the audit trail of a site only for an ADMIN of
 * that site (or of every site, {@code *}); the service's dead letters and parked events, which
 * hold every site's events, only for an ADMIN of {@code *}. And their {@code limit} refused
 * with a 400 outside 1..1000, as every list's size is.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AdminSiteScopeIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "platform-admin-scope-it");
    }

    static final TestIssuer ISSUER = TestIssuer.shared();
    final String adminSh01 = ISSUER.token("admin-sh01", "ADMIN", "SH01");
    final String adminAll = ISSUER.token("admin-all", "ADMIN", "*");

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate template;

    @Autowired
    AuditTrail trail;

    @Test
    @DisplayName("R-SEC-1 an ADMIN of SH01 reads no audit trail of HZ01 (403 site-access-denied, no entry); an ADMIN of * and of SH01 on SH01 do")
    void auditTrailIsOnlyForAnAdminOfTheSite() {
        String subject = "agg-" + UUID.randomUUID();
        trail.recordAll(List.of(
                new AuditRecord(UUID.randomUUID().toString(), "HZ01", Instant.now(), "mgr-hz", "test.change", subject, null, "{}", "test"),
                new AuditRecord(UUID.randomUUID().toString(), "SH01", Instant.now(), "mgr-sh", "test.change", subject, null, "{}", "test")));

        for (String path : List.of("/api/test/sites/HZ01/audit", "/api/test/sites/HZ01/audit/verification")) {
            byte[] refused = web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + adminSh01).exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied")
                    .returnResult().getResponseBodyContent();
            assertThat(new String(refused, java.nio.charset.StandardCharsets.UTF_8)).as("nothing of HZ01's trail")
                    .doesNotContain(subject).doesNotContain("entries");
        }

        web.get().uri("/api/test/sites/HZ01/audit").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.subject == '" + subject + "')].siteId").isEqualTo("HZ01");
        web.get().uri("/api/test/sites/HZ01/audit/verification").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                .expectStatus().isOk();
        web.get().uri("/api/test/sites/SH01/audit").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminSh01).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.subject == '" + subject + "')].siteId").isEqualTo("SH01");
        web.get().uri("/api/test/sites/SH01/audit/verification").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminSh01).exchange()
                .expectStatus().isOk();
    }

    @Test
    @DisplayName("R-SEC-1 the dead letters (every site's events) are listed and replayed only by an ADMIN of *: an ADMIN of SH01 gets 403 site-access-denied")
    void deadLettersAreForAnAdminOfEverySite() {
        web.get().uri("/api/test/dead-letters").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminSh01).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied")
                .jsonPath("$.deadLetters").doesNotExist();
        web.post().uri("/api/test/dead-letters/replay").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminSh01).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        web.get().uri("/api/test/dead-letters").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.pending").isNumber();
        web.post().uri("/api/test/dead-letters/replay").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                .expectStatus().isOk();
    }

    @Test
    @DisplayName("R-SEC-1 the parked events (every site's) are listed and republished only by an ADMIN of *: an ADMIN of SH01 gets 403 "
            + "site-access-denied, sees none and republishes nothing")
    void parkedEventsAreForAnAdminOfEverySite() {
        String eventId = UUID.randomUUID().toString();
        template.insert(new Document("_id", eventId).append("eventId", eventId).append("type", "test.counted").append("topic", TestApp.TOPIC)
                .append("key", "gone").append("siteId", "HZ01").append("collection", "tallies").append("documentId", "gone-" + eventId)
                .append("reason", "RecordTooLargeException").append("parkedAt", new Date()), "outbox_parked").block();
        try {
            byte[] listed = web.get().uri("/api/test/outbox/parked").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminSh01).exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied")
                    .returnResult().getResponseBodyContent();
            assertThat(new String(listed, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(eventId);
            web.post().uri("/api/test/outbox/parked/republish").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminSh01).exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
            assertThat(template.find(Query.query(Criteria.where("action").is("outbox.republished").and("subject").is(eventId)),
                    Document.class, AuditTrail.ENTRIES).collectList().block()).as("nothing republished").isEmpty();

            web.get().uri("/api/test/outbox/parked").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.parked[?(@.eventId == '" + eventId + "')].siteId").isEqualTo("HZ01");
            web.post().uri("/api/test/outbox/parked/republish").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.notFound[?(@.eventId == '" + eventId + "')]").exists();
        } finally {
            template.remove(Query.query(Criteria.where("_id").is(eventId)), "outbox_parked").block();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/test/sites/SH01/audit", "/api/test/dead-letters", "/api/test/outbox/parked"})
    @DisplayName("a limit outside 1..1000 is refused with a 400 naming the range, never quietly clamped; a non-numeric one is a 400 too")
    void aLimitOutsideItsRangeIsRefused(String path) {
        for (String limit : List.of("0", "-5", "1001", "2147483647")) {
            web.get().uri(path + "?limit=" + limit).header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:anchang:problem:limit-invalid")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("每次列出的条数").contains("1 到 1000"));
        }
        for (String limit : List.of("lots", "1e3", "99999999999")) {
            web.get().uri(path + "?limit=" + limit).header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:invalid-input");
        }
        for (String limit : List.of("1", "1000")) {
            web.get().uri(path + "?limit=" + limit).header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                    .expectStatus().isOk();
        }
    }

    @Test
    @DisplayName("republishing parked events takes a limit of 1..1000 too, refused with a 400 outside it")
    void aRepublishLimitOutsideItsRangeIsRefused() {
        for (String limit : List.of("0", "1001", "many")) {
            web.post().uri("/api/test/outbox/parked/republish?limit=" + limit).header(HttpHeaders.AUTHORIZATION, "Bearer " + adminAll).exchange()
                    .expectStatus().isBadRequest();
        }
    }
}
