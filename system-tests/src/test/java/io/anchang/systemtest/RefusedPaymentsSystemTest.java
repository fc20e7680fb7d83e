package io.anchang.systemtest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9 item 7, refused payment attempts flooding the trail, tried again as the attacker did: a rep's confirmations
 * through the gateway of the shared office. The summary of a window is written only once the minute has passed (and
 * its grace), so this class runs beside the others ({@link ExecutionMode#CONCURRENT}; everything else runs one class
 * after the other) instead of holding the run up for that minute. It uses a rep of HZ01, whose refused payments no
 * other class of the run counts, so that the attempts of other tests cannot fall into its windows, nor its into
 * theirs.
 */
@Execution(ExecutionMode.CONCURRENT)
class RefusedPaymentsSystemTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String REP = "hz01-sales2";

    @Test
    @DisplayName("R-SEC-2 R-SEC-4 issue 9 item 7: 30 payment confirmations by a rep, for ids that do not exist, are each refused (403 problem) and each audited — "
            + "at most 10 a minute in full, the rest in one summary entry that counts them — so the trail is not flooded and none is lost")
    void refusedPaymentAttemptsAreAuditedAndSummarised() {
        WebTestClient gateway = TheOffice.gateway();
        String rep = TheOffice.token(REP);
        Instant start = Instant.now().minusSeconds(1);
        int attempts = 30;
        for (int i = 0; i < attempts; i++) {
            gateway.post().uri("/api/finance/deposit-requests/{id}/confirmation", "no-such-request-" + UUID.randomUUID())
                    .headers(h -> h.setBearerAuth(rep)).bodyValue(object("amount", "5000.00", "method", "CASH", "reference", "私收-" + i))
                    .exchange().expectStatus().isForbidden()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:finance-only");
        }
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<JsonNode> mine = json(gateway.get().uri("/api/finance/sites/HZ01/audit?limit=1000")
                    .headers(h -> h.setBearerAuth(TheOffice.manager("HZ01"))).exchange().expectStatus().isOk()).valueStream()
                    .filter(entry -> REP.equals(entry.path("actor").asString()))
                    .filter(entry -> !Instant.parse(entry.path("at").asString()).isBefore(start.minusSeconds(60)))
                    .toList();
            long inFull = mine.stream().filter(entry -> entry.path("action").asString().equals("security.payment-refused"))
                    .filter(entry -> entry.path("subject").asString().startsWith("no-such-request-")).count();
            long summarised = mine.stream().filter(entry -> entry.path("action").asString().equals("security.refusals-summarised"))
                    .mapToLong(entry -> JSON.readTree(entry.path("after").asString()).path("count").asLong()).sum();
            // the attempts fall in one or two windows of a minute: 10 in full in each, the rest counted
            assertThat(inFull).isBetween(10L, 20L);
            assertThat(inFull + summarised).as("every refused attempt is on the trail, in full or counted").isEqualTo(attempts);
        });
    }

    static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JSON.readTree(body == null ? "null" : new String(body, StandardCharsets.UTF_8));
    }
}
