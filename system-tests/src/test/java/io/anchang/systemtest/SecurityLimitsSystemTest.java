package io.anchang.systemtest;

import io.anchang.launcher.Office;
import io.anchang.launcher.Ports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, the attacks on the office's capacity and edges, tried again as the attacker did — with real logins at the
 * office the launcher starts, through the gateway: item 2 (numbers that take a service down), item 3 (the XFD price
 * list), item 5 (tokens naming unknown keys), item 6 (one user tripping a route's breaker for everyone) and item 8
 * (management endpoints on the ports users reach, HEAD_OFFICE writing, service-only endpoints); item 7 (refused
 * payment attempts flooding the trail) is {@link RefusedPaymentsSystemTest}, which waits for a minute to pass beside
 * the other classes. Each is refused with a problem detail and changes nothing, and the
 * office keeps answering everyone else.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(21)
class SecurityLimitsSystemTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    static Office office;
    static WebTestClient gateway;

    @BeforeAll
    static void theOffice() {
        office = TheOffice.office();
        gateway = TheOffice.gateway();
    }

    // ------------------------------------------------------------------------------------------------ item 2

    @Test
    @Order(1)
    @DisplayName("issue 9 item 2: a rep's deposit request of 1E10000000 yuan, six times, or of 1E-200000000, or a discount of 1E10000000 %: "
            + "400 problem with a short detail each time, the unit unchanged, and deal-service still answers HZ01's board")
    void hugeNumbersTakeNothingDown() {
        String manager = TheOffice.manager("SH01");
        JsonNode unit = firstUnit(manager);
        String unitId = unit.path("id").asString();
        String rep = TheOffice.token("sh01-sales1");
        // raw JSON, as the attacker sent it: numbers and strings alike
        List<String> attacks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            attacks.add("{\"kind\":\"SMALL\",\"amount\":\"1E10000000\"}");
        }
        attacks.add("{\"kind\":\"SMALL\",\"amount\":\"1E-200000000\"}");
        attacks.add("{\"kind\":\"SMALL\",\"amount\":1E10000000}");
        attacks.add("{\"kind\":\"SMALL\",\"amount\":\"5000\",\"discountPercent\":1E10000000}");
        attacks.add("{\"kind\":\"SMALL\",\"amount\":\"5000\",\"discountPercent\":1E-200000000}");
        for (String attack : attacks) {
            byte[] body = gateway.post().uri("/api/deals/sites/SH01/units/{unit}/deposit-request", unitId)
                    .headers(h -> h.setBearerAuth(rep)).contentType(MediaType.APPLICATION_JSON).bodyValue(attack).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().returnResult().getResponseBody();
            JsonNode problem = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            assertThat(problem.path("detail").asString()).as(attack).isNotBlank().hasSizeLessThan(600);
            assertThat(body.length).as("no oversized value echoed").isLessThan(4_000);
        }
        JsonNode after = json(gateway.get().uri("/api/deals/sites/SH01/units/{unit}", unitId).headers(h -> h.setBearerAuth(manager))
                .exchange().expectStatus().isOk());
        assertThat(after.path("status").asString()).isEqualTo(unit.path("status").asString());
        assertThat(after.path("request").isMissingNode() || after.path("request").isNull())
                .isEqualTo(unit.path("request").isMissingNode() || unit.path("request").isNull());
        gateway.get().uri("/api/deals/sites/HZ01/buildings").headers(h -> h.setBearerAuth(TheOffice.manager("HZ01")))
                .exchange().expectStatus().isOk();
    }

    // ------------------------------------------------------------------------------------------------ item 3

    @Test
    @Order(2)
    @DisplayName("issue 9 item 3: a price list naming a cell in the last column (XFD) in each of 10,000 rows is refused (400) and imports nothing; "
            + "a rep's upload is refused (403) and one for a building that does not exist (404) before the file is read; deal-service still answers")
    void theLastColumnPriceListIsRefused() {
        String control = TheOffice.token("sh01-control");
        String building = "X" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36).toUpperCase();
        gateway.post().uri("/api/deals/sites/SH01/buildings").headers(h -> h.setBearerAuth(control))
                .bodyValue(object("code", building, "name", "攻击楼 " + building, "project", "安全测试")).exchange().expectStatus().isCreated();
        byte[] attack = lastColumnInEveryRow(10_000);
        assertThat(attack.length).as("a small file").isLessThan(200_000);
        gateway.post().uri("/api/deals/sites/SH01/buildings/{b}/price-list", building).headers(h -> h.setBearerAuth(control))
                .contentType(XLSX).bodyValue(attack).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:price-list-too-large");
        byte[] garbage = "PK not a workbook at all".getBytes(StandardCharsets.UTF_8);
        gateway.post().uri("/api/deals/sites/SH01/buildings/{b}/price-list", building).headers(h -> h.setBearerAuth(TheOffice.token("sh01-sales1")))
                .contentType(XLSX).bodyValue(garbage).exchange().expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json");
        gateway.post().uri("/api/deals/sites/SH01/buildings/NOPE{b}/price-list", building).headers(h -> h.setBearerAuth(control))
                .contentType(XLSX).bodyValue(garbage).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:building-unknown");
        gateway.get().uri("/api/deals/sites/SH01/buildings/{b}/board", building).headers(h -> h.setBearerAuth(TheOffice.manager("SH01")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.floors.length()").isEqualTo(0);
        gateway.get().uri("/api/deals/sites/HZ01/buildings").headers(h -> h.setBearerAuth(TheOffice.manager("HZ01")))
                .exchange().expectStatus().isOk();
    }

    // ------------------------------------------------------------------------------------------------ item 5

    @Test
    @Order(3)
    @DisplayName("issue 9 item 5: tokens signed with a key nobody published, each naming a new kid, are refused 401 with a problem detail "
            + "at the gateway and at every service; a real token still works")
    void tokensNamingUnknownKeysAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Ports http = office.ports().http();
        // the same site's data asked of the gateway and of each service on its own port
        Map<String, String> urls = Map.of(
                "gateway", office.gatewayUrl() + "/api/reception/sites/SH01/rotation",
                "reception", "http://127.0.0.1:" + http.reception() + "/api/reception/sites/SH01/rotation",
                "customer", "http://127.0.0.1:" + http.customer() + "/api/customers/sites/SH01/profile",
                "deal", "http://127.0.0.1:" + http.deal() + "/api/deals/sites/SH01/buildings",
                "finance", "http://127.0.0.1:" + http.finance() + "/api/finance/sites/SH01/deposit-requests",
                "reporting", "http://127.0.0.1:" + http.reporting() + "/api/reports/sites/SH01/profile");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < 20; i++) {
            String forged = forgedToken(keys, "attacker-" + UUID.randomUUID());
            for (Map.Entry<String, String> url : urls.entrySet()) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url.getValue()))
                        .header("Authorization", "Bearer " + forged).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(url.getKey()).isEqualTo(401);
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(url.getKey()).startsWith("application/problem+json");
            }
        }
        gateway.get().uri("/api/reception/sites/SH01/rotation").headers(h -> h.setBearerAuth(TheOffice.manager("SH01")))
                .exchange().expectStatus().isOk();
    }

    // ------------------------------------------------------------------------------------------------ item 6

    @Test
    @Order(4)
    @DisplayName("issue 9 item 6: a rep's 80 requests that deal-service refuses (404, 400) do not open the deal route's breaker: "
            + "none is answered 503, and HZ01's manager is served right after")
    void clientErrorsDoNotCutAServiceOffForEveryone() {
        String rep = TheOffice.token("sh01-sales2");
        for (int i = 0; i < 40; i++) {
            gateway.get().uri("/api/deals/sites/SH01/units/{unit}", "SH01-NOPE-" + i).headers(h -> h.setBearerAuth(rep))
                    .exchange().expectStatus().value(status -> assertThat(status).isBetween(400, 499));
            gateway.post().uri("/api/deals/sites/SH01/units/{unit}/hold", "SH01-NOPE-" + i).headers(h -> h.setBearerAuth(rep))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"customerId\":").exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
        }
        gateway.get().uri("/api/deals/sites/HZ01/buildings").headers(h -> h.setBearerAuth(TheOffice.manager("HZ01")))
                .exchange().expectStatus().isOk();
    }

    // ------------------------------------------------------------------------------------------------ item 8

    @Test
    @Order(6)
    @DisplayName("issue 9 item 8: metrics and API documents answer on no port users reach — the gateway's and every service's own — "
            + "only on the management ports; a service-only endpoint is not routed at all")
    void managementEndpointsOnlyOnManagementPorts() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Ports http = office.ports().http();
        Ports management = office.ports().management();
        List<Integer> userPorts = List.of(http.gateway(), http.reception(), http.customer(), http.deal(), http.finance(), http.reporting());
        for (int port : userPorts) {
            for (String path : List.of("/actuator/prometheus", "/actuator/openapi", "/v3/api-docs", "/actuator/env", "/actuator/health")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(port + path).isIn(401, 403, 404);
                assertThat(answer.body()).as(port + path).doesNotContain("jvm_memory").doesNotContain("\"openapi\"");
            }
        }
        for (int port : List.of(management.gateway(), management.reception(), management.customer(), management.deal(), management.finance(),
                management.reporting())) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("management port " + port).isEqualTo(200);
        }
        for (String path : List.of("/api/customers/internal/sites/SH01/attributions", "/api/customers/%69nternal/sites/SH01/attributions",
                "/api/customers/INTERNAL/sites/SH01/attributions")) {
            // sent as written (a URI string would be encoded once more: %69 → %2569)
            gateway.post().uri(URI.create(office.gatewayUrl() + path)).headers(h -> h.setBearerAuth(TheOffice.token("sh01-sales1")))
                    .bodyValue(object("phone", "13800138000")).exchange()
                    .expectStatus().isNotFound().expectHeader().contentType("application/problem+json");
        }
    }

    @Test
    @Order(7)
    @DisplayName("R-SEC-1 issue 9 item 8: HEAD_OFFICE reads every site — its search by phone answers the phone masked — and writes none: "
            + "a walk-in, a rotation, a hold, a follow-up refused with a problem detail")
    void headOfficeReadsEverywhereAndWritesNowhere() {
        String hq = TheOffice.token("hq-analyst");
        for (String site : List.of("SH01", "HZ01")) {
            gateway.get().uri("/api/reception/sites/{site}/rotation", site).headers(h -> h.setBearerAuth(hq)).exchange().expectStatus().isOk();
        }
        JsonNode sun = json(gateway.post().uri("/api/customers/sites/SH01/customers/search").headers(h -> h.setBearerAuth(hq))
                .bodyValue(object("phone", "13800138000")).exchange().expectStatus().isOk());
        assertThat(sun.path("phones").get(0).asString()).isEqualTo("138****8000");
        assertThat(sun.toString()).doesNotContain("13800138000");
        List<WebTestClient.ResponseSpec> writes = List.of(
                gateway.post().uri("/api/reception/sites/SH01/visits").headers(h -> h.setBearerAuth(hq))
                        .bodyValue(object("requestId", "hq-1", "phone", "18600000999", "firstVisit", true)).exchange(),
                gateway.put().uri("/api/reception/sites/HZ01/rotation").headers(h -> h.setBearerAuth(hq))
                        .bodyValue(object("reps", List.of("hz01-sales1"))).exchange(),
                gateway.post().uri("/api/deals/sites/SH01/units/{unit}/hold", firstUnit(TheOffice.manager("SH01")).path("id").asString())
                        .headers(h -> h.setBearerAuth(hq)).bodyValue(object("customerId", sun.path("id").asString())).exchange(),
                gateway.post().uri("/api/customers/sites/SH01/customers/{id}/follow-ups", sun.path("id").asString())
                        .headers(h -> h.setBearerAuth(hq)).bodyValue(object("method", "电话", "note", "总部回访")).exchange());
        for (WebTestClient.ResponseSpec write : writes) {
            write.expectStatus().isForbidden().expectHeader().contentType("application/problem+json");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static JsonNode firstUnit(String token) {
        JsonNode board = json(gateway.get().uri("/api/deals/sites/SH01/buildings/1/board").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk());
        return board.path("floors").valueStream().flatMap(floor -> floor.path("units").valueStream()).findFirst()
                .orElseThrow(() -> new AssertionError("no unit in SH01's building 1"));
    }

    /** A token as Keycloak's would look, for a rep of SH01, signed with a key Keycloak never published. */
    static String forgedToken(KeyPair keys, String kid) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = url.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", kid)));
        String payload = url.encodeToString(JSON.writeValueAsBytes(Map.of("iss", office.keycloak().issuer(), "aud", "anchang",
                "sub", "attacker", "preferred_username", "sh01-sales1", "iat", now, "exp", now + 300,
                "realm_access", Map.of("roles", List.of("SALES", "ADMIN")), "sites", List.of("SH01", "*"))));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + url.encodeToString(signature.sign());
    }

    /** The attack of issue 9: an .xlsx whose every row names a cell in the last column (XFD). */
    static byte[] lastColumnInEveryRow(int rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            part(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "</Types>");
            part(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            part(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"价目表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            part(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "</Relationships>");
            StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            sheet.append("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>房号</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>楼层</t></is></c><c r=\"XFD1\"/></row>");
            for (int r = 2; r <= rows; r++) {
                sheet.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><v>").append(r).append("</v></c><c r=\"XFD")
                        .append(r).append("\"/></row>");
            }
            sheet.append("</sheetData></worksheet>");
            part(zip, "xl/worksheets/sheet1.xml", sheet.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void part(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JSON.readTree(body == null ? "null" : new String(body, StandardCharsets.UTF_8));
    }
}
