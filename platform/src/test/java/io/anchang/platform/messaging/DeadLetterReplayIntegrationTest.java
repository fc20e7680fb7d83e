package io.anchang.platform.messaging;

import io.anchang.platform.testapp.TestApp;
import io.anchang.platform.testapp.TestApp.Counted;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TestIssuer;
import io.anchang.testing.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, item 2: dead letters are counted in the service's health and metrics, listed
 * for an ADMIN, and replayed by an ADMIN after the fix — applied once, however often the
 * replay is asked for, and without publishing anything to the main topic again.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterReplayIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "platform-replay-it");
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate template;

    @LocalManagementPort
    int managementPort;

    /** Probes and metrics are on the management port, as in every service. */
    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    }

    final String admin = TestIssuer.shared().token("admin-1", "ADMIN", "*");
    final String adminOfSh01 = TestIssuer.shared().token("admin-sh01", "ADMIN", "SH01");
    final String manager = TestIssuer.shared().token("mgr-1", "MANAGER", "SH01");

    @Test
    @Order(1)
    void aDeadLetterShowsInHealthAndMetricsAndIsAppliedOnceWhenAnAdminReplaysItAfterTheFix() {
        String counter = "refused-" + UUID.randomUUID();
        TestApp.REFUSED.add(counter);
        UUID event = TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", counter, new Counted(counter, 1), null);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> web.get().uri("/api/test/dead-letters")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pending").isEqualTo(1)
                .jsonPath("$.deadLetters[0].eventId").isEqualTo(event.toString())
                .jsonPath("$.deadLetters[0].type").isEqualTo("test.counted")
                .jsonPath("$.deadLetters[0].originalTopic").isEqualTo(TestApp.TOPIC)
                .jsonPath("$.deadLetters[0].replayedAt").doesNotExist());
        management().get().uri("/actuator/health/dead-letters").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.deadLetters.details.pending").isEqualTo(1);
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        assertThat(prometheus()).contains("anchang_dead_letters_pending 1.0");

        // only an ADMIN sees or replays them — R-SEC-1: an ADMIN of every site (*), as they hold every site's events
        web.get().uri("/api/test/dead-letters").header(HttpHeaders.AUTHORIZATION, "Bearer " + manager).exchange()
                .expectStatus().isForbidden();
        web.post().uri("/api/test/dead-letters/replay").header(HttpHeaders.AUTHORIZATION, "Bearer " + manager).exchange()
                .expectStatus().isForbidden();
        web.post().uri("/api/test/dead-letters/replay").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminOfSh01).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        assertThat(tally(counter)).isNull();

        TestApp.REFUSED.remove(counter); // the fix
        web.post().uri("/api/test/dead-letters/replay").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.replayed").isEqualTo(1)
                .jsonPath("$.stillFailing.length()").isEqualTo(0)
                .jsonPath("$.pending").isEqualTo(0);
        assertThat(tally(counter).getInteger("applied")).isEqualTo(1);

        web.post().uri("/api/test/dead-letters/replay").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.replayed").isEqualTo(0)
                .jsonPath("$.pending").isEqualTo(0);
        assertThat(tally(counter).getInteger("applied")).as("replayed twice, applied once").isEqualTo(1);

        web.get().uri("/api/test/dead-letters").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.pending").isEqualTo(0)
                .jsonPath("$.replayed").isEqualTo(1)
                .jsonPath("$.deadLetters[0].replayedAt").exists()
                .jsonPath("$.deadLetters[0].replayedBy").isEqualTo("admin-1");
        management().get().uri("/actuator/health/dead-letters").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.deadLetters.details.pending").isEqualTo(0);
        assertThat(prometheus()).contains("anchang_dead_letters_pending 0.0");
        assertThat(TopicProbe.records(TestApp.TOPIC)).as("the replay published nothing to the main topic")
                .filteredOn(r -> r.value() != null && r.value().contains(event.toString())).hasSize(1);
    }

    @Test
    @Order(2)
    void aRecordThatStillFailsStaysADeadLetterAndIsSaidSo() {
        String counter = "still-refused-" + UUID.randomUUID();
        TestApp.REFUSED.add(counter);
        UUID event = TestEvents.publish(TestApp.TOPIC, "test.counted", 1, "SH01", counter, new Counted(counter, 1), null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> web.get().uri("/api/test/dead-letters")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                .expectBody().jsonPath("$.deadLetters[?(@.eventId == '" + event + "')]").exists());

        web.post().uri("/api/test/dead-letters/replay").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.stillFailing[?(@.eventId == '" + event + "')].reason").exists();
        web.get().uri("/api/test/dead-letters").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                .expectBody()
                .jsonPath("$.deadLetters[?(@.eventId == '" + event + "')].replayedAt").doesNotExist();

        TestApp.REFUSED.remove(counter);
        web.post().uri("/api/test/dead-letters/replay").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.pending").isEqualTo(0);
    }

    @Test
    @Order(3)
    void parkedOutboxEventsAreForAnAdminOnlyToSeeAndRepublish() {
        String eventId = UUID.randomUUID().toString();
        template.insert(new Document("_id", eventId).append("eventId", eventId).append("type", "test.counted").append("topic", TestApp.TOPIC)
                .append("key", "gone").append("siteId", "SH01").append("collection", "tallies").append("documentId", "gone-" + eventId)
                .append("reason", "RecordTooLargeException").append("parkedAt", new java.util.Date()), "outbox_parked").block();
        try {
            web.get().uri("/api/test/outbox/parked").header(HttpHeaders.AUTHORIZATION, "Bearer " + manager).exchange()
                    .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:role-required");
            web.post().uri("/api/test/outbox/parked/republish").header(HttpHeaders.AUTHORIZATION, "Bearer " + manager).exchange()
                    .expectStatus().isForbidden();
            web.get().uri("/api/test/outbox/parked").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.pending").isEqualTo(1)
                    .jsonPath("$.parked[0].eventId").isEqualTo(eventId)
                    .jsonPath("$.parked[0].reason").isEqualTo("RecordTooLargeException");
            // its document is gone: named, and left where it is
            web.post().uri("/api/test/outbox/parked/republish").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.republished").isEqualTo(0)
                    .jsonPath("$.notFound[0].eventId").isEqualTo(eventId)
                    .jsonPath("$.pending").isEqualTo(1);
        } finally {
            template.remove(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(eventId)), "outbox_parked").block();
        }
    }

    private String prometheus() {
        return management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private Document tally(String counter) {
        return template.findById(counter, Document.class, "tallies").block();
    }
}
