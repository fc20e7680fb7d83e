package io.anchang.reporting;

import io.anchang.platform.events.Topics;
import io.anchang.platform.events.reception.RotationSet;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.ServiceBaseline;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TestIssuer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What reporting-service does before it has reports: the local site directory, token and
 * site checks, probes; and the walking skeleton's read model, the day's rotation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ReportingServiceIntegrationTest implements ServiceBaseline {

    private static final String BASE = "/api/reports";
    private static final String DATABASE = "reporting-it";
    private static final TestIssuer ISSUER = TestIssuer.shared();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, DATABASE);
    }

    @Autowired
    WebTestClient web;

    @Override
    public WebTestClient web() {
        return web;
    }

    @Override
    public String basePath() {
        return BASE;
    }

    @Override
    public String database() {
        return DATABASE;
    }

    /** R-REC-1 as reported: the rotation view kept from reception's {@code reception.rotation-set} events. */
    @Nested
    class RotationOfADay {

        private static final Map<String, String> NAMES = Map.of("SH01-rep1", "张三", "SH01-rep2", "李四", "SH01-rep3", "王五");

        @Test
        @DisplayName("R-REC-1 a rotation set at reception reaches the report, with its correlation id in reporting's log")
        void aRotationReachesTheReport(CapturedOutput log) {
            LocalDate day = LocalDate.of(2026, 11, 27);
            String correlation = "it-" + UUID.randomUUID();

            UUID event = TestEvents.publish(Topics.RECEPTION, "reception.rotation-set", 1, "SH01", "SH01:" + day,
                    rotation(day, 1, "SH01-rep2", "SH01-rep1"), correlation);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rotationOf(day, ISSUER.token("SH01-rep3", "SALES", "SH01"))
                    .jsonPath("$.order.length()").isEqualTo(2)
                    .jsonPath("$.order[0].userId").isEqualTo("SH01-rep2")
                    .jsonPath("$.order[0].name").isEqualTo("李四")
                    .jsonPath("$.order[1].userId").isEqualTo("SH01-rep1")
                    .jsonPath("$.setBy").isEqualTo("mgr-SH01")
                    .jsonPath("$.revision").isEqualTo(1));
            assertThat(logged(log, "reporting.rotation-view applied reception.rotation-set " + event))
                    .contains("\"correlationId\":\"" + correlation + "\"");
        }

        @Test
        @DisplayName("R-REC-1 the same rotation event delivered twice is applied once and changes nothing")
        void aDuplicateChangesNothing(CapturedOutput log) {
            LocalDate day = LocalDate.of(2026, 11, 28);
            UUID event = UUID.randomUUID();
            RotationSet rotation = rotation(day, 1, "SH01-rep1", "SH01-rep3");
            TestEvents.publish(event, Topics.RECEPTION, "reception.rotation-set", 1, "SH01", "SH01:" + day, rotation, null);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rotationOf(day, ISSUER.token("mgr-SH01", "MANAGER", "SH01"))
                    .jsonPath("$.revision").isEqualTo(1));

            TestEvents.publish(event, Topics.RECEPTION, "reception.rotation-set", 1, "SH01", "SH01:" + day, rotation, null);

            logged(log, "reporting.rotation-view already applied reception.rotation-set " + event);
            rotationOf(day, ISSUER.token("mgr-SH01", "MANAGER", "SH01"))
                    .jsonPath("$.revision").isEqualTo(1)
                    .jsonPath("$.order.length()").isEqualTo(2)
                    .jsonPath("$.order[1].userId").isEqualTo("SH01-rep3");
        }

        @Test
        @DisplayName("R-REC-1 an older revision arriving after a newer one does not overwrite it; HEAD_OFFICE reads it")
        void anOlderRevisionDoesNotOverwriteANewerOne(CapturedOutput log) {
            LocalDate day = LocalDate.of(2026, 11, 29);
            TestEvents.publish(Topics.RECEPTION, "reception.rotation-set", 1, "SH01", "SH01:" + day,
                    rotation(day, 2, "SH01-rep3", "SH01-rep1"), "it-" + UUID.randomUUID());
            UUID older = TestEvents.publish(Topics.RECEPTION, "reception.rotation-set", 1, "SH01", "SH01:" + day,
                    rotation(day, 1, "SH01-rep1"), "it-" + UUID.randomUUID());

            SharedMongo.awaitConsumed(DATABASE, "reporting.rotation-view", older);

            rotationOf(day, ISSUER.token("hq-1", "HEAD_OFFICE"))
                    .jsonPath("$.revision").isEqualTo(2)
                    .jsonPath("$.order.length()").isEqualTo(2)
                    .jsonPath("$.order[0].userId").isEqualTo("SH01-rep3");
        }

        @Test
        @DisplayName("R-REC-1 a day no rotation reached answers 404 as a problem detail")
        void aDayWithoutRotationIsNotFound() {
            web.get().uri(BASE + "/sites/SH01/rotations/{day}", LocalDate.of(2030, 1, 1))
                    .headers(h -> h.setBearerAuth(ISSUER.token("SH01-rep1", "SALES", "SH01")))
                    .exchange().expectStatus().isNotFound()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:rotation-unknown");
        }

        private WebTestClient.BodyContentSpec rotationOf(LocalDate day, String token) {
            return web.get().uri(BASE + "/sites/SH01/rotations/{day}", day).headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isOk().expectBody();
        }

        private static RotationSet rotation(LocalDate day, long revision, String... reps) {
            return new RotationSet("SH01", day, Arrays.stream(reps).map(rep -> new RotationSet.Rep(rep, NAMES.get(rep))).toList(),
                    "mgr-SH01", revision);
        }

        /** The log line (ECS JSON) that says {@code text}, once it is written. */
        private static String logged(CapturedOutput log, String text) {
            return await().atMost(Duration.ofSeconds(30))
                    .until(() -> log.getAll().lines().filter(line -> line.contains(text)).findFirst(), Optional::isPresent)
                    .orElseThrow();
        }
    }
}
