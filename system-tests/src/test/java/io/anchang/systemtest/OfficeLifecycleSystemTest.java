package io.anchang.systemtest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.awaitility.Awaitility.await;

/**
 * What the office does when its parts stop: data survives a restart, and a service that is
 * down is a 503 problem at the gateway. It disturbs the shared office, so it runs after the
 * classes that only use it. The service stopped for the 503 is started again by the office's
 * restart that follows (a JVM start less on a crowded CI machine).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(900)
class OfficeLifecycleSystemTest {

    /** Whether the 503 test left finance-service stopped (the office's restart starts it again: one JVM start less). */
    static boolean financeStopped;

    @Test
    @Order(1)
    void aServiceThatIsDownAnswersAProblem503() {
        TheOffice.office().services().stop("finance-service");
        financeStopped = true;
        // no start of its own: the whole office's restart (next) starts it again, or afterAll does
        TheOffice.gateway().get().uri("/api/finance/sites/SH01/profile").headers(h -> h.setBearerAuth(TheOffice.token("sh01-finance")))
                .exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:service-unavailable");
    }

    @Test
    @Order(2)
    @DisplayName("R-REC-1 a rotation set through the gateway is still there, and still reported, after the whole office restarts")
    void theDataIsStillThereAfterARestart() {
        String day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).toString();
        TheOffice.gateway().put().uri("/api/reception/sites/SH01/rotations/{day}", day)
                .headers(h -> h.setBearerAuth(TheOffice.manager("SH01")))
                .bodyValue(object("reps", list("sh01-sales3", "sh01-sales1"))).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> reported(TheOffice.gateway(), day));

        TheOffice.restart();
        financeStopped = false;

        WebTestClient gateway = TheOffice.gateway();
        gateway.get().uri("/api/reception/sites/SH01/rotations/{day}", day).headers(h -> h.setBearerAuth(TheOffice.manager("SH01")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.order[0].userId").isEqualTo("sh01-sales3");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> reported(gateway, day));
    }

    /** finance-service started again when the office's restart did not run (say, the restart test alone was left out). */
    @AfterAll
    static void startWhatIsStopped() {
        if (financeStopped) {
            TheOffice.office().services().restart("finance-service", io.anchang.launcher.Office.TIMEOUT);
            financeStopped = false;
        }
    }

    private static void reported(WebTestClient gateway, String day) {
        gateway.get().uri("/api/reports/sites/SH01/rotations/{day}", day)
                .headers(h -> h.setBearerAuth(TheOffice.token("sh01-sales2"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.order[0].userId").isEqualTo("sh01-sales3");
    }
}
