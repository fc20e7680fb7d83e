package io.anchang.customer;

import io.anchang.platform.api.attribution.AttributionApi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R-SEC-1 (issue 9, item 1): flow 1's question is for reception-service's own identity only. A rep who asked it with
 * their own token could send a future {@code at} (the owner's claim looks expired) and take another rep's customer, or
 * name anyone as receiver — each such request is refused before anything is read, and nothing changes.
 */
class ServiceIdentityIntegrationTest extends SiteIntegrationTest {

    private Map<String, Object> forgedQuestion(String phone, String taker) {
        // the attack: a claim "received" 90 days on, when B's 2-month protection looks expired, by the attacker
        return object("visitId", UUID.randomUUID().toString(), "channel", "VISIT", "phone", phone,
                "at", T0.plus(90, ChronoUnit.DAYS).toString(), "receivedBy", rep(taker), "actingUser", rep(taker),
                "statement", object("firstVisit", true), "desk", desk(taker, taker + ":AVAILABLE", "B:OUT"));
    }

    private Map<String, Object> byPhone(String phone) {
        return web.post().uri("/api/customers/sites/{site}/customers/search", site).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("phone", phone)).exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    private Object auditEntries() {
        return web.get().uri("/api/customers/sites/{site}/audit/verification", site).headers(h -> h.setBearerAuth(manager()))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody().get("entries");
    }

    @Test
    @DisplayName("R-SEC-1 a rep sending a future 'at' to take another rep's customer is refused (403, a problem detail): the owner, the claims and the trail stay as they were")
    void aRepCannotRewriteAttributionWithAForgedTime() {
        String phone = aPhone();
        Map<String, Object> owned = ownedByB(phone);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/customers/sites/{site}/audit", site)
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.action == 'customer.visit-attributed')].subject").isEqualTo(List.of(owned.get("customerId"))));
        Map<String, Object> before = byPhone(phone);
        Object trail = auditEntries();

        for (String token : List.of(sales("A"), supervisor(), manager(), ISSUER.token("admin", "ADMIN", "*"))) {
            web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(token)).bodyValue(forgedQuestion(phone, "A"))
                    .exchange().expectStatus().isForbidden()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:forbidden");
        }
        // the path reps used before is no question any more
        web.post().uri("/api/customers/sites/{site}/attributions", site).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(forgedQuestion(phone, "A")).exchange().expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");

        Map<String, Object> after = byPhone(phone);
        assertThat(after.get("owner")).isEqualTo(rep("B"));
        assertThat(after.get("claims")).isEqualTo(before.get("claims"));
        assertThat(after.get("visits")).isEqualTo(before.get("visits"));
        assertThat(after.get("id")).isEqualTo(owned.get("customerId"));
        // R-SEC-4: nothing on the trail since but the refusals, each naming who tried the service-only path
        List<Map<String, Object>> since = web.get().uri("/api/customers/sites/{site}/audit?limit=1000", site)
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody().stream()
                .filter(e -> ((Number) e.get("seq")).longValue() > ((Number) trail).longValue()).toList();
        assertThat(since).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("security.access-refused");
            assertThat(String.valueOf(e.get("subject"))).startsWith("/api/customers/internal/sites/" + site);
        });
    }

    @Test
    @DisplayName("R-SEC-1 a rep's token naming a new phone writes nothing: no customer, no archive number taken")
    void aRepCannotRegisterACustomerThroughTheQuestion() {
        String phone = aPhone();
        web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(sales("A"))).bodyValue(forgedQuestion(phone, "A"))
                .exchange().expectStatus().isForbidden();
        web.post().uri("/api/customers/sites/{site}/customers/search", site).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("phone", phone)).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:customer-unknown");
        Map<String, Object> next = attribute(aPhone(), T0, desk("A", "A:AVAILABLE"));
        assertThat(next.get("archiveNo")).as("no archive number was spent on the refused request").isEqualTo(site + "-000001");
    }

    @Test
    @DisplayName("R-SEC-1 another service's identity, or a token without the service role, is refused too")
    void onlyReceptionsIdentityAsks() {
        String phone = aPhone();
        for (String token : List.of(ISSUER.serviceToken("anchang-reporting", "SVC_REPORTING"),
                ISSUER.token(rep("A"), List.of("SALES", "ASSISTANT", "MANAGER", "FINANCE"), List.of(site, "*")))) {
            web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(token)).bodyValue(forgedQuestion(phone, "A"))
                    .exchange().expectStatus().isForbidden();
        }
        web.post().uri(AttributionApi.PATH, site).bodyValue(forgedQuestion(phone, "A")).exchange().expectStatus().isUnauthorized();
        web.post().uri("/api/customers/sites/{site}/customers/search", site).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("phone", phone)).exchange().expectStatus().isNotFound();
    }

    @Test
    @DisplayName("R-SEC-1 R-SEC-4 reception's identity names the user it acts for; the audit trail names that user, not the service")
    void theTrailNamesTheUserReceptionActsFor() {
        Map<String, Object> answer = web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("visitId", UUID.randomUUID().toString(), "channel", "VISIT", "phone", aPhone(), "at", T0.toString(),
                        "receivedBy", rep("D"), "actingUser", rep("D"), "desk", desk("A", "A:AVAILABLE")))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/customers/sites/{site}/audit", site)
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.action == 'customer.registered')].subject").isEqualTo(List.of(answer.get("customerId")))
                .jsonPath("$[?(@.action == 'customer.registered')].actor").isEqualTo(List.of(rep("D"))));
        web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("visitId", UUID.randomUUID().toString(), "channel", "VISIT", "phone", aPhone(), "at", T0.toString(),
                        "receivedBy", rep("D"), "actingUser", "D\"; drop", "desk", desk("A", "A:AVAILABLE")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:acting-user-invalid");
    }
}
