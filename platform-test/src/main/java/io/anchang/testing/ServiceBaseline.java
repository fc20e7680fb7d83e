package io.anchang.testing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service that keeps a copy of the site directory must do, as tests a
 * service's integration test inherits: follow reception's site events (old news never
 * overwrites new), refuse other sites' users and every bad token, leave another site's
 * data untouched on every route, publish its API document, and report ready — those two on
 * its management port, which the gateway does not route, and nowhere else.
 */
public interface ServiceBaseline {

    String VICTIM = "SH01";

    WebTestClient web();

    /** The service's API base path, e.g. {@code /api/customers}. */
    String basePath();

    /** The database the test registered with {@link Infrastructure#register}. */
    String database();

    @Test
    @DisplayName("the copy of SH01's profile follows reception's events, and old news never overwrites new")
    default void keepsTheNewestSiteProfile() {
        siteProfileChanged(1, "万科城");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> profileOfVictim()
                .jsonPath("$.revision").isEqualTo(1)
                .jsonPath("$.timeZone").isEqualTo("Asia/Shanghai")
                .jsonPath("$.staff[1].name").isEqualTo("张三"));

        siteProfileChanged(3, "万科城三期");
        UUID stale = siteProfileChanged(2, "万科城二期");
        SharedMongo.awaitConsumed(database(), "site-directory-copy", stale);
        profileOfVictim().jsonPath("$.revision").isEqualTo(3).jsonPath("$.name").isEqualTo("万科城三期");
    }

    @Test
    @DisplayName("R-SEC-1 a user of BJ01 asking for SH01's profile gets 403 as a problem detail")
    default void anotherSitesUserIsRefusedTheProfile() {
        web().get().uri(basePath() + "/sites/SH01/profile")
                .headers(h -> h.setBearerAuth(TestIssuer.shared().token("BJ01-rep1", "SALES", "BJ01")))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
    }

    @Test
    @DisplayName("a missing, expired, foreign, misaddressed, unsigned or tampered token gets 401")
    default void refusesBadTokens() {
        BadTokens.assertEachRefused(web(), basePath() + "/sites/SH01/profile", VICTIM);
    }

    @Test
    @DisplayName("R-SEC-1 a MANAGER of BJ01 calling every operation on SH01 gets nothing and leaves no trace in SH01's audit trail")
    default void anotherSitesManagerReachesNothingOfTheVictim(@LocalManagementPort int managementPort) {
        Map<?, ?> before = auditOfVictim();
        List<SiteIsolationWalk.Call> calls = SiteIsolationWalk.walk(management(managementPort), web(),
                TestIssuer.shared().token("mgr-BJ01", "MANAGER", "BJ01"), VICTIM);
        assertThat(calls).extracting(SiteIsolationWalk.Call::path).contains(basePath() + "/sites/SH01/profile");
        assertThat(calls).allSatisfy(call -> assertThat(call.isolated(VICTIM)).as(call.toString()).isTrue());
        Map<?, ?> after = auditOfVictim();
        assertThat(after.get("entries")).isEqualTo(before.get("entries"));
        assertThat(after.get("intact")).isEqualTo(true);
    }

    @Test
    @DisplayName("R-SEC-4 the refusals BJ01's MANAGER meets walking every SH01 operation are on BJ01's own trail — naming "
            + "mgr-BJ01 and the SH01 paths, at most 10 in full a minute — and that trail still verifies")
    default void anotherSitesManagersRefusalsAreAuditedOnTheirOwnTrail(@LocalManagementPort int managementPort) {
        String token = TestIssuer.shared().token("mgr-BJ01", "MANAGER", "BJ01");
        List<SiteIsolationWalk.Call> calls = SiteIsolationWalk.walk(management(managementPort), web(), token, VICTIM);
        assertThat(calls).anySatisfy(call -> assertThat(call.status()).isEqualTo(403));
        RefusalTrail.assertAuditedOnOwnTrail(web(), basePath(), "BJ01", token, "mgr-BJ01", basePath() + "/sites/SH01");
    }

    @Test
    @DisplayName("the OpenAPI document is served on the management port and lists the service's operations under its base path")
    default void publishesItsApiDocument(@LocalManagementPort int managementPort) {
        management(managementPort).get().uri(SiteIsolationWalk.API_DOCS).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths").value((Map<String, Object> paths) -> assertThat(paths.keySet())
                        .contains(basePath() + "/sites/{site}/profile")
                        .allSatisfy(path -> assertThat(path).startsWith(basePath() + "/")));
    }

    @Test
    @DisplayName("the readiness probe on the management port is UP while MongoDB answers")
    default void isReady(@LocalManagementPort int managementPort) {
        management(managementPort).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    @DisplayName("liveness answers, and Prometheus metrics are served (the outbox's and load shedding's among them), on the management port")
    default void exposesProbesAndMetrics(@LocalManagementPort int managementPort) {
        management(managementPort).get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management(managementPort).get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .contains("anchang_outbox_published_total").contains("jvm_memory_used_bytes")
                        .contains("anchang_web_shed_total"));
    }

    @Test
    @DisplayName("issue 9: the service's own port serves no metrics, probes or API documents")
    default void servesNothingOfManagementOnItsOwnPort() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/openapi", "/v3/api-docs",
                "/swagger-ui.html")) {
            web().get().uri(path).exchange().expectStatus().value(status -> assertThat(status).as(path).isIn(401, 404));
        }
    }

    @Test
    @DisplayName("issue 10: a kept-alive connection is read request after request, also after a request refused before its body was read (Reactor Netty 1.3.6 stopped reading it: the gateway waited out its 13 s)")
    default void keepsReadingAKeptAliveConnection(@LocalServerPort int port) throws IOException {
        String profile = basePath() + "/sites/SH01/profile";
        String token = TestIssuer.shared().token("mgr-SH01", "MANAGER", VICTIM);
        try (KeepAliveProbe probe = new KeepAliveProbe(port, 10_000)) {
            for (int round = 1; round <= 30; round++) {
                String read = probe.request("GET", basePath() + "/sites/SH01/audit/verification", null)
                        .replace("Accept:", "Authorization: Bearer " + token + "\r\nAccept:");
                String refusedWithBody = probe.request("POST", profile, "{\"resolution\":[\"a\"],\"round\":" + round + "}");
                String refused = probe.request("GET", profile, null);
                assertThat(probe.send("round " + round, read, refusedWithBody, refused)).as("round %d", round)
                        .containsExactly(200, 401, 401);
            }
        }
    }

    /** A client of the service's management port. */
    static WebTestClient management(int managementPort) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    private UUID siteProfileChanged(long revision, String name) {
        Map<String, Object> site = object("code", VICTIM, "name", name, "timeZone", "Asia/Shanghai", "revision", revision,
                "staff", list(object("userId", "mgr-SH01", "name", "王经理", "role", "MANAGER", "active", true),
                        object("userId", "SH01-rep1", "name", "张三", "role", "SALES", "active", true)),
                "policies", list());
        return TestEvents.publish("anchang.reception.v1", "reception.site-profile-changed", 1, VICTIM, VICTIM,
                object("site", site, "change", revision == 1 ? "REGISTERED" : "RENAMED"), "it-" + UUID.randomUUID());
    }

    private WebTestClient.BodyContentSpec profileOfVictim() {
        return web().get().uri(basePath() + "/sites/SH01/profile")
                .headers(h -> h.setBearerAuth(TestIssuer.shared().token("SH01-rep1", "SALES", VICTIM)))
                .exchange().expectStatus().isOk().expectBody();
    }

    private Map<?, ?> auditOfVictim() {
        return web().get().uri(basePath() + "/sites/SH01/audit/verification")
                .headers(h -> h.setBearerAuth(TestIssuer.shared().token("mgr-SH01", "MANAGER", VICTIM)))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }
}
