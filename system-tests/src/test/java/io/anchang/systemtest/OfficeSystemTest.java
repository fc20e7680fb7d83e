package io.anchang.systemtest;

import io.anchang.launcher.DemoData;
import io.anchang.launcher.Office;
import io.anchang.launcher.OfficePorts;
import io.anchang.launcher.Progress;
import io.anchang.testing.BadTokens;
import io.anchang.testing.SiteIsolationWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The office as a newcomer meets it: started by the run command's launcher (a real
 * Kafka broker, the MongoDB stand-in on disk, a real Keycloak, the services and the
 * gateway, the demo data) on free ports and a data folder of its own, once for the run;
 * driven through the gateway with real Keycloak tokens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfficeSystemTest {

    static final Path ROOT = Path.of(System.getProperty("anchang.root", "..")).toAbsolutePath().normalize();
    static final Path REALM = ROOT.resolve("launcher/src/main/resources/keycloak/anchang-realm.json");
    static final OfficePorts PORTS = OfficePorts.free();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Path home;
    static Office office;
    static WebTestClient gateway;

    @BeforeAll
    static void startTheOffice() throws IOException {
        home = Files.createTempDirectory("anchang-office");
        office = start();
        gateway = WebTestClient.bindToServer().baseUrl(office.gatewayUrl()).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stopTheOffice() {
        if (office != null) {
            office.close();
        }
    }

    static Office start() {
        Progress progress = new Progress(System.out);
        Office started = new Office(ROOT, home, PORTS, progress).start();
        new DemoData(started.gatewayUrl(), started.keycloak(), REALM, progress).seed();
        return started;
    }

    @Test
    @Order(1)
    @DisplayName("R-SEC-1 every demo user signs in at Keycloak, and sees the sites of their token")
    void eachDemoUserSignsIn() {
        for (DemoData.DemoUser user : DemoData.users(REALM)) {
            String token = office.keycloak().token(user.username(), DemoData.PASSWORD);
            Map<String, Object> claims = claims(token);
            assertThat(claims.get("preferred_username")).isEqualTo(user.username());
            assertThat(String.valueOf(claims.get("realm_access"))).contains(user.role());
            assertThat(String.valueOf(claims.get("aud"))).contains("anchang");
            List<String> sites = claims.get("sites") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
            assertThat(sites).as(user.username()).containsExactlyInAnyOrderElementsOf(user.sites());
            String listed = body(gateway.get().uri("/api/reception/sites").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk());
            if (user.role().equals("HEAD_OFFICE") || user.sites().contains("*")) {
                assertThat(listed).as(user.username()).contains("\"SH01\"", "\"HZ01\"");
            } else {
                user.sites().forEach(site -> assertThat(listed).as(user.username()).contains("\"" + site + "\""));
                DemoData.SITES.keySet().stream().filter(site -> !user.sites().contains(site))
                        .forEach(site -> assertThat(listed).as(user.username()).doesNotContain("\"" + site + "\""));
            }
        }
    }

    @Test
    @Order(2)
    @DisplayName("R-REC-1 the demo office is alive: today's rotation of both sites is set")
    void theDemoOfficeHasTodaysRotation() {
        for (String site : DemoData.SITES.keySet()) {
            gateway.get().uri("/api/reception/sites/{site}/rotation", site)
                    .headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.order.length()").value(n -> assertThat((Integer) n).isGreaterThan(1));
        }
    }

    @Test
    @Order(3)
    void noTokenOrABadTokenIsRefused() {
        BadTokens.assertEachRefused(gateway, "/api/reception/sites/SH01/rotation", "SH01");
        String real = manager("SH01");
        String[] parts = real.split("\\.");
        String forged = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"SH01\"", "\"HZ01\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        gateway.get().uri("/api/reception/sites/HZ01/rotation").headers(h -> h.setBearerAuth(tampered)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    @Order(4)
    @DisplayName("R-SEC-1 a user of SH01 asking for HZ01 gets 403")
    void aUserOfOneSiteIsRefusedTheOther() {
        gateway.get().uri("/api/reception/sites/HZ01/rotation").headers(h -> h.setBearerAuth(token("sh01-sales1")))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        gateway.put().uri("/api/reception/sites/HZ01/rotations/2030-01-01").headers(h -> h.setBearerAuth(manager("SH01")))
                .bodyValue(object("reps", list("hz01-sales1"))).exchange().expectStatus().isForbidden();
    }

    @Test
    @Order(5)
    @DisplayName("R-REC-1 a rotation set through the gateway reaches reporting, one correlation id through the logs")
    void aRotationChangeReachesReporting() {
        String day = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        String correlation = "sys-" + UUID.randomUUID();
        gateway.put().uri("/api/reception/sites/SH01/rotations/{day}", day)
                .headers(h -> {
                    h.setBearerAuth(manager("SH01"));
                    h.set("X-Correlation-Id", correlation);
                })
                .bodyValue(object("reps", list("sh01-sales2", "sh01-sales1"))).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                gateway.get().uri("/api/reports/sites/SH01/rotations/{day}", day)
                        .headers(h -> h.setBearerAuth(token("sh01-sales3"))).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.order[0].userId").isEqualTo("sh01-sales2"));
        assertThat(log("reception-service")).contains(correlation);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log("reporting-service")).contains(correlation));
    }

    @Test
    @Order(6)
    @DisplayName("R-SEC-1 every operation of every service, called through the gateway for SH01 by HZ01's manager, is refused and writes nothing")
    void everyRouteIsIsolatedBySite() {
        String before = audit();
        for (String module : List.of("reception-service", "customer-service", "deal-service", "finance-service", "reporting-service")) {
            WebTestClient docs = WebTestClient.bindToServer().baseUrl(office.services().spec(module).baseUrl()).build();
            List<SiteIsolationWalk.Call> calls = SiteIsolationWalk.walk(docs, gateway, manager("HZ01"), "SH01");
            assertThat(calls).as(module).isNotEmpty()
                    .allSatisfy(call -> assertThat(call.isolated("SH01")).as(module + " " + call).isTrue());
        }
        assertThat(audit()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void aBrowserSignsInThroughKeycloakAndSeesTheRotation() throws Exception {
        // HZ01's desk is quiet in the demo (SH01's reps are busy with customers): someone is up there
        String up = body(gateway.get().uri("/api/reception/sites/HZ01/rotation").headers(h -> h.setBearerAuth(manager("HZ01")))
                .exchange().expectStatus().isOk());
        up = JSON.readTree(up).path("up").path("name").asString();
        assertThat(up).isNotBlank();
        BrowserCheck.signInAndSeeRotation(ROOT, office.gatewayUrl(), "hz01-manager", DemoData.PASSWORD, up,
                home.resolve("sign-in.png"));
    }

    @Test
    @Order(50)
    void theDataIsStillThereAfterARestart() {
        String day = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        office.close();
        office = start();
        gateway.get().uri("/api/reception/sites/SH01/rotations/{day}", day).headers(h -> h.setBearerAuth(manager("SH01")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.order[0].userId").isEqualTo("sh01-sales2");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                gateway.get().uri("/api/reports/sites/SH01/rotations/{day}", day)
                        .headers(h -> h.setBearerAuth(token("sh01-sales3"))).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.order[0].userId").isEqualTo("sh01-sales2"));
    }

    @Test
    @Order(99)
    void aServiceThatIsDownAnswersAProblem503() {
        office.services().stop("finance-service");
        gateway.get().uri("/api/finance/sites/SH01/profile").headers(h -> h.setBearerAuth(token("sh01-finance")))
                .exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:service-unavailable");
    }

    static String token(String username) {
        return office.keycloak().token(username, DemoData.PASSWORD);
    }

    static String manager(String site) {
        return token(site.toLowerCase() + "-manager");
    }

    private static String audit() {
        return body(gateway.get().uri("/api/reception/sites/SH01/audit/verification")
                .headers(h -> h.setBearerAuth(manager("SH01"))).exchange().expectStatus().isOk());
    }

    private static String body(WebTestClient.ResponseSpec response) {
        byte[] content = response.expectBody().returnResult().getResponseBody();
        return content == null ? "" : new String(content, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readValue(payload, Map.class);
    }

    private static String log(String module) {
        try {
            return Files.readString(office.services().log(module));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
