package io.anchang.systemtest;

import io.anchang.launcher.Office;
import io.anchang.launcher.ServiceStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, tried again as the attacker did — with an ordinary rep's login at the office the launcher starts (real
 * Keycloak), through the gateway: each attack is refused with a problem detail and changes nothing, and the legitimate
 * path still works. Item 1 (a rep rewrites attribution, R-SEC-1), item 4 (a masked phone is recoverable, R-SEC-3),
 * item 8 (the realm) and item 9 (calls, R-REC-3).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(20)
class SecuritySystemTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The demo front desk's customers at SH01 (DemoFrontDesk): 孙女士 walked in, 周先生 called 刘洋. */
    static final String SUN = "13800138000";
    static final String ZHOU = "13900000101";
    static final List<String> DEMO_PHONES = List.of(SUN, ZHOU, "13700000103", "13600000104", "13500000105");

    static Office office;
    static WebTestClient gateway;

    @BeforeAll
    static void theOffice() {
        office = TheOffice.office();
        gateway = TheOffice.gateway();
    }

    // ------------------------------------------------------------------------------------------------ item 1, R-SEC-1

    @Test
    @Order(1)
    @DisplayName("R-SEC-1 a rep sends flow 1's question with a future 'at' to take 孙女士 from her rep: 403 problem; her owner, claims, visits and the site's trail stay as they were")
    void aRepCannotRewriteAttribution() {
        JsonNode before = customer("SH01", SUN);
        String owner = before.path("owner").asString();
        String attacker = owner.equals("sh01-sales2") ? "sh01-sales3" : "sh01-sales2";
        Instant attack = Instant.now();
        Map<String, Object> forged = object("visitId", UUID.randomUUID().toString(), "channel", "VISIT", "phone", SUN,
                "at", Instant.now().plus(90, ChronoUnit.DAYS).toString(), "receivedBy", attacker, "actingUser", attacker,
                "statement", object("firstVisit", true),
                "desk", object("upRep", attacker, "eventMode", false, "reps", list(object("userId", attacker, "name", "攻击者", "status", "AVAILABLE"))));

        for (String path : List.of("/api/customers/internal/sites/SH01/attributions", "/api/customers/sites/SH01/attributions")) {
            gateway.post().uri(path).headers(h -> h.setBearerAuth(TheOffice.token(attacker))).bodyValue(forged).exchange()
                    .expectStatus().value(status -> assertThat(status).as(path).isIn(403, 404))
                    .expectHeader().contentType("application/problem+json");
        }
        // the gateway does not route a service-only endpoint at all, whoever asks
        gateway.post().uri("/api/customers/internal/sites/SH01/attributions").headers(h -> h.setBearerAuth(TheOffice.manager("SH01")))
                .bodyValue(forged).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:not-found");
        // and customer-service itself, asked on its own port, answers only reception's identity
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + office.ports().http().customer()).responseTimeout(Duration.ofSeconds(30))
                .build().post().uri("/api/customers/internal/sites/SH01/attributions").headers(h -> h.setBearerAuth(TheOffice.manager("SH01")))
                .bodyValue(forged).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:forbidden");

        JsonNode after = customer("SH01", SUN);
        assertThat(after.path("owner").asString()).isEqualTo(owner);
        assertThat(after.path("claims")).isEqualTo(before.path("claims"));
        assertThat(after.path("visits")).isEqualTo(before.path("visits"));
        // nothing written in the attacker's name but the log of the refusals (R-SEC-4), nor about 孙女士, since the attack
        assertThat(audit("customers").valueStream().filter(e -> !Instant.parse(e.path("at").asString()).isBefore(attack)))
                .noneSatisfy(e -> {
                    assertThat(e.path("actor").asString()).isIn(attacker, "sh01-manager");
                    assertThat(e.path("action").asString()).isNotEqualTo("security.access-refused");
                })
                .noneSatisfy(e -> assertThat(e.path("subject").asString()).isEqualTo(before.path("id").asString()));
    }

    @Test
    @Order(2)
    @DisplayName("R-SEC-1 reception's own identity: Keycloak gives its client a token with its service role and no sites, and refuses a wrong secret")
    void receptionHasAnIdentityOfItsOwn() {
        String token = office.keycloak().clientToken(ServiceStack.RECEPTION_CLIENT, office.secrets().receptionClientSecret());
        Map<String, Object> claims = claims(token);
        assertThat(String.valueOf(claims.get("realm_access"))).contains("SVC_RECEPTION").doesNotContain("ADMIN").doesNotContain("SALES");
        assertThat(claims.get("sites")).isNull();
        assertThat(String.valueOf(claims.get("aud"))).contains("anchang");
        assertThatThrownBy(() -> office.keycloak().clientToken(ServiceStack.RECEPTION_CLIENT, "guessed-secret"))
                .hasMessageContaining("unauthorized_client");
        // the all-sites ADMIN service account of old, with its secret from the repository, is gone
        assertThatThrownBy(() -> office.keycloak().clientToken("anchang-services", "anchang-services-local-secret"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Order(3)
    @DisplayName("R-SEC-1 R-ATT-1 the legitimate path: a walk-in at HZ01's desk is attributed at once by customer-service, asked by reception's identity")
    void aWalkInStillAttributes() {
        String manager = TheOffice.manager("HZ01");
        JsonNode board = json(gateway.get().uri("/api/reception/sites/HZ01/rotation").headers(h -> h.setBearerAuth(manager)).exchange()
                .expectStatus().isOk());
        String desk = board.path("order").valueStream().map(rep -> rep.path("userId").asString()).filter(id -> id.startsWith("hz01-sales"))
                .findFirst().orElseThrow();
        JsonNode visit = json(gateway.post().uri("/api/reception/sites/HZ01/visits").headers(h -> h.setBearerAuth(TheOffice.token(desk)))
                .bodyValue(object("requestId", "sec-walk-in-1", "phone", "186 0000 0909", "name", "宋先生", "firstVisit", true))
                .exchange().expectStatus().isCreated());
        assertThat(visit.path("attributionPending").asBoolean()).as("customer-service answered reception's identity").isFalse();
        assertThat(visit.path("customerId").asString()).isNotBlank();
        assertThat(visit.path("ruleId").asString()).isNotBlank();
        assertThat(visit.path("phone").asString()).isEqualTo("186****0909");
        // seen off by the rep who served, so HZ01's desk is free again for the tests after this one (R-REC-2)
        gateway.post().uri("/api/reception/sites/HZ01/visits/{id}/see-off", visit.path("visitId").asString())
                .headers(h -> h.setBearerAuth(TheOffice.token(visit.path("servedBy").asString()))).exchange().expectStatus().isOk();
    }

    // ------------------------------------------------------------------------------------------------ item 4, R-SEC-3

    @Test
    @Order(10)
    @DisplayName("R-SEC-3 a customer's id is random, not derived from the site and the phone; a phone in a URL finds nothing, a search goes in the body")
    void idsAreRandomAndPhonesStayOutOfUrls() {
        JsonNode sun = customer("SH01", SUN);
        UUID id = UUID.fromString(sun.path("id").asString());
        assertThat(id.version()).isEqualTo(4);
        assertThat(id).isNotEqualTo(UUID.nameUUIDFromBytes(("customer:SH01:+86" + SUN).getBytes(StandardCharsets.UTF_8)));
        assertThat(sun.path("phones").get(0).asString()).isEqualTo("138****8000");
        gateway.get().uri("/api/customers/sites/SH01/customers?phone={phone}", SUN).headers(h -> h.setBearerAuth(TheOffice.manager("SH01")))
                .exchange().expectStatus().value(status -> assertThat(status).isIn(404, 405));
    }

    @Test
    @Order(11)
    @DisplayName("R-SEC-3 R-SEC-4 another rep asking for 孙女士's number is refused (problem detail) and audited; her rep reveals it with a reason and the trail shows who, when, why — masked")
    void theOwnerRevealsAndOthersAreRefused() {
        JsonNode sun = customer("SH01", SUN);
        String owner = sun.path("owner").asString();
        String other = owner.equals("sh01-sales2") ? "sh01-sales3" : "sh01-sales2";
        String path = "/api/customers/sites/SH01/customers/" + sun.path("id").asString() + "/phones/reveal";
        gateway.post().uri(path).headers(h -> h.setBearerAuth(TheOffice.token(other))).bodyValue(object("reason", "想联系她"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:reveal-not-allowed");
        gateway.post().uri(path).headers(h -> h.setBearerAuth(TheOffice.token("hq-analyst"))).bodyValue(object("reason", "总部"))
                .exchange().expectStatus().isForbidden();

        JsonNode revealed = json(gateway.post().uri(path).headers(h -> h.setBearerAuth(TheOffice.token(owner)))
                .bodyValue(object("reason", "约客户周六看样板间")).exchange().expectStatus().isOk());
        assertThat(revealed.path("phones").get(0).asString()).isEqualTo("+86" + SUN);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode trail = audit("customers");
            List<JsonNode> reveals = trail.valueStream().filter(e -> e.path("action").asString().equals("customer.phones-revealed")
                    && e.path("subject").asString().equals(sun.path("id").asString())).toList();
            assertThat(reveals).anySatisfy(entry -> {
                assertThat(entry.path("actor").asString()).isEqualTo(owner);
                assertThat(entry.path("reason").asString()).contains("约客户周六看样板间");
                assertThat(entry.path("at").asString()).isNotBlank();
                assertThat(entry.path("after").asString()).contains("138****8000").doesNotContain(SUN);
            });
            assertThat(trail.valueStream().filter(e -> e.path("action").asString().equals("security.phone-reveal-refused"))
                    .map(e -> e.path("actor").asString())).contains(other);
        });
    }

    @Test
    @Order(12)
    @DisplayName("R-SEC-3 neither service's audit trail of SH01 — which every MANAGER reads — holds a demo customer's number whole")
    void theTrailsHoldNoWholeNumber() {
        for (String service : List.of("customers", "reception")) {
            String trail = audit(service).toString();
            assertThat(trail).as(service).isNotBlank();
            for (String phone : DEMO_PHONES) {
                assertThat(trail).as(service + " " + phone).doesNotContain(phone);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ item 9, R-REC-3

    @Test
    @Order(20)
    @DisplayName("R-REC-3 a rep may not register a call for another rep, nor the desk name FINANCE as its receiver: problem details, nothing in the register, no customer")
    void callsOnlyByOrForAReceivingRep() {
        String phone = "13300000909";
        int entries = register("SH01").size();
        gateway.post().uri("/api/reception/sites/SH01/calls").headers(h -> h.setBearerAuth(TheOffice.token("sh01-sales1")))
                .bodyValue(object("requestId", "sec-call-1", "phone", phone, "receivedBy", "sh01-sales2")).exchange()
                .expectStatus().isForbidden().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:call-of-another-rep");
        gateway.post().uri("/api/reception/sites/SH01/calls").headers(h -> h.setBearerAuth(TheOffice.token("sh01-assistant")))
                .bodyValue(object("requestId", "sec-call-2", "phone", phone, "receivedBy", "sh01-finance")).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:not-a-receiving-rep");
        assertThat(register("SH01")).hasSize(entries);
        gateway.post().uri("/api/customers/sites/SH01/customers/search").headers(h -> h.setBearerAuth(TheOffice.manager("SH01")))
                .bodyValue(object("phone", phone)).exchange().expectStatus().isNotFound();

        // the legitimate path: the desk registers the call for the rep who took it, who owns the caller
        JsonNode call = json(gateway.post().uri("/api/reception/sites/SH01/calls").headers(h -> h.setBearerAuth(TheOffice.token("sh01-assistant")))
                .bodyValue(object("requestId", "sec-call-3", "phone", phone, "receivedBy", "sh01-sales2")).exchange()
                .expectStatus().isCreated());
        assertThat(call.path("ownerRep").asString()).isEqualTo("sh01-sales2");
    }

    // ------------------------------------------------------------------------------------------------ item 8, the realm

    @Test
    @Order(30)
    @DisplayName("R-SEC the realm as Keycloak imported it: brute-force detection on, the web client's origin exactly the gateway's, no password grant but the CLI's (Keycloak's admin-cli declared disabled)")
    void theRealmAsImported() throws Exception {
        JsonNode realm = admin("/admin/realms/anchang");
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        JsonNode clients = admin("/admin/realms/anchang/clients");
        assertThat(clients.valueStream().map(c -> c.path("clientId").asString())).doesNotContain("anchang-services");
        JsonNode web = clients.valueStream().filter(c -> c.path("clientId").asString().equals("anchang-web")).findFirst().orElseThrow();
        assertThat(web.path("webOrigins").valueStream().map(JsonNode::asString)).containsExactly(office.gatewayUrl());
        assertThat(clients.valueStream().filter(c -> c.path("directAccessGrantsEnabled").asBoolean())
                .map(c -> c.path("clientId").asString())).containsOnly("anchang-cli");
        JsonNode adminCli = clients.valueStream().filter(c -> c.path("clientId").asString().equals("admin-cli")).findFirst().orElseThrow();
        assertThat(adminCli.path("enabled").asBoolean()).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static JsonNode customer(String site, String phone) {
        return json(gateway.post().uri("/api/customers/sites/{site}/customers/search", site)
                .headers(h -> h.setBearerAuth(TheOffice.manager(site))).bodyValue(object("phone", phone)).exchange().expectStatus().isOk());
    }

    static JsonNode audit(String service) {
        return json(gateway.get().uri("/api/{service}/sites/SH01/audit?limit=1000", service)
                .headers(h -> h.setBearerAuth(TheOffice.manager("SH01"))).exchange().expectStatus().isOk());
    }

    static List<JsonNode> register(String site) {
        return json(gateway.get().uri("/api/reception/sites/{site}/visits", site).headers(h -> h.setBearerAuth(TheOffice.manager(site)))
                .exchange().expectStatus().isOk()).valueStream().toList();
    }

    static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JSON.readTree(body == null ? "null" : new String(body, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claims(String token) {
        return JSON.readValue(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8), Map.class);
    }

    /** Keycloak's admin API, as its administrator (realm master, the launcher's local administrator). */
    static JsonNode admin(String path) throws Exception {
        String base = office.keycloak().issuer().replace("/realms/anchang", "").replace("localhost", "127.0.0.1");
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(io.anchang.launcher.KeycloakServer.ADMIN_USERNAME,
                StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(io.anchang.launcher.KeycloakServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String accessToken = JSON.readTree(token.body()).path("access_token").asString();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + accessToken)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
