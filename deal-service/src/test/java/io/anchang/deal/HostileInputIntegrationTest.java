package io.anchang.deal;

import io.anchang.deal.adapter.web.Workbooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.anchang.deal.DealFixture.buyer;
import static io.anchang.deal.DealFixture.control;
import static io.anchang.deal.DealFixture.manager;
import static io.anchang.deal.DealFixture.rep;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, performed: one rep's numbers that are ten characters of JSON and ten million digits of
 * arithmetic, strings of a hundred thousand characters, a price list that names the last column of
 * every row. Each answers 400 (or 403/404) with a short problem detail, nothing is written, and the
 * other site's board keeps answering meanwhile.
 */
class HostileInputIntegrationTest extends DealIntegrationBase {

    static final String SITE = "HI01";
    static final String OTHER = "HI02";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    DealFixture f;

    @BeforeEach
    void sites() {
        f = fixture();
        f.site(SITE);
        f.site(OTHER);
        f.customer(SITE, "hi-c1", SITE + "-rep1");
    }

    @Test
    @DisplayName("issue 9: six deposit requests of 1E10000000 yuan at once answer 400 with a short detail while the other site's board answers; nothing is written")
    void hugeAmountsAreRefusedAndTheOtherSiteKeepsWorking() throws Exception {
        f.building(SITE, "N1", List.of("101,1,3000000"));
        f.building(OTHER, "N1", List.of("101,1,3000000"));
        String unit = SITE + "-N1-101";
        f.hold(rep(SITE, 1), SITE, unit, "hi-c1").expectStatus().isCreated();
        Map<String, Object> before = f.unitJson(SITE, unit);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = rep(SITE, 1);
        List<String> bodies = List.of(
                "{\"kind\":\"SMALL\",\"amount\":\"1E10000000\"}",
                "{\"kind\":\"SMALL\",\"amount\":\"1E-200000000\"}",
                "{\"kind\":\"SMALL\",\"amount\":\"-1E10000000\"}",
                "{\"kind\":\"SMALL\",\"amount\":20000,\"discountPercent\":1E10000000}",
                "{\"kind\":\"SMALL\",\"amount\":20000,\"discountPercent\":1E-200000000}",
                "{\"kind\":\"SMALL\",\"amount\":\"10000000000.01\"}");
        List<CompletableFuture<HttpResponse<String>>> attacks = bodies.stream().map(body -> http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/deals/sites/" + SITE + "/units/" + unit + "/deposit-request"))
                .timeout(PATIENCE).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())).toList();
        // meanwhile the other site's board answers
        for (int i = 0; i < 3; i++) {
            web.mutate().responseTimeout(PATIENCE).build().get().uri("/api/deals/sites/{s}/buildings/N1/board", OTHER)
                    .headers(h -> h.setBearerAuth(manager(OTHER))).exchange().expectStatus().isOk();
        }
        for (CompletableFuture<HttpResponse<String>> attack : attacks) {
            HttpResponse<String> answer = attack.join();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(answer.body()).hasSizeLessThan(1_000);
        }
        // the same version: nothing was written, so no event either (events are written with the unit)
        assertThat(f.unitJson(SITE, unit)).isEqualTo(before);
    }

    @Test
    @DisplayName("issue 9: a unit entered with area or list price 1E10000000, a control character in its layout or a 100,000-character grade is refused; no unit added")
    void hugeNumbersAndHostileTextInAUnitAreRefused() {
        f.newBuilding(SITE, "N2");
        List<Map<String, Object>> units = List.of(
                object("number", "101", "floor", 1, "layout", "三室", "area", new java.math.BigDecimal("1E10000000"), "listPrice", "3000000"),
                object("number", "102", "floor", 1, "layout", "三室", "area", new java.math.BigDecimal("1E-200000000"), "listPrice", "3000000"),
                object("number", "103", "floor", 1, "layout", "三室", "area", 120, "listPrice", "1E10000000"),
                object("number", "104", "floor", 1, "layout", "三\u0000室", "area", 120, "listPrice", "3000000"),
                object("number", "105", "floor", 1, "layout", "三室", "area", 120, "listPrice", "3000000", "grade", "A".repeat(100_000)),
                object("number", "106", "floor", 1_000_000, "layout", "三室", "area", 120, "listPrice", "3000000"));
        for (Map<String, Object> unit : units) {
            web.post().uri("/api/deals/sites/{s}/buildings/N2/units", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                    .bodyValue(unit).exchange().expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.detail").value(d -> assertThat((String) d).hasSizeLessThan(600));
        }
        web.post().uri("/api/deals/sites/{s}/buildings", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .bodyValue(object("code", "N3", "name", "3号楼\u202E")).exchange().expectStatus().isBadRequest();
        web.get().uri("/api/deals/sites/{s}/buildings/N2/board", SITE).headers(h -> h.setBearerAuth(manager(SITE)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.floors.length()").isEqualTo(0);
    }

    @Test
    @DisplayName("issue 9: a price list of 1E10000000 yuan or 1E-200000000 m² is refused row by row with short messages")
    void hugeNumbersInAPriceListAreRefused() {
        f.newBuilding(SITE, "N4");
        String csv = "房号,楼层,户型,面积,总价\n101,1,三室,120,1E10000000\n102,1,三室,1E-200000000,3000000\n103,1E10000000,三室,120,3000000\n";
        web.post().uri("/api/deals/sites/{s}/buildings/N4/price-list", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:price-list-invalid")
                .jsonPath("$.errors.length()").isEqualTo(3);
    }

    @Test
    @DisplayName("issue 9: the XFD price list is refused (400) and imports nothing; a rep's upload is refused (403) and an unknown building's (404) before the file is read")
    void theLastColumnPriceListIsRefused() {
        f.newBuilding(SITE, "N5");
        byte[] attack = Workbooks.lastColumnInEveryRow(10_000);
        MediaType xlsx = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        web.mutate().responseTimeout(PATIENCE).build().post().uri("/api/deals/sites/{s}/buildings/N5/price-list", SITE)
                .headers(h -> h.setBearerAuth(control(SITE))).contentType(xlsx).bodyValue(attack).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:price-list-too-large");
        // refused before parsing: even a file that is not a workbook at all gets the role's and the building's answer
        byte[] garbage = "PK not a zip at all".getBytes();
        web.post().uri("/api/deals/sites/{s}/buildings/N5/price-list", SITE).headers(h -> h.setBearerAuth(rep(SITE, 1)))
                .contentType(xlsx).bodyValue(garbage).exchange().expectStatus().isForbidden();
        web.post().uri("/api/deals/sites/{s}/buildings/NOPE/price-list", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .contentType(xlsx).bodyValue(garbage).exchange().expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:building-unknown");
        web.post().uri("/api/deals/sites/{s}/buildings/N5/price-list", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .contentType(xlsx).bodyValue(garbage).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:price-list-unreadable");
        web.get().uri("/api/deals/sites/{s}/buildings/N5/board", SITE).headers(h -> h.setBearerAuth(manager(SITE)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.floors.length()").isEqualTo(0);
    }

    @Test
    @DisplayName("issue 9: the buyer's 100,000-character phone or a control character in their name is refused with a short detail")
    void hostileBuyerDetailsAreRefused() {
        f.building(SITE, "N6", List.of("101,1,3000000"));
        String unit = SITE + "-N6-101";
        f.hold(rep(SITE, 1), SITE, unit, "hi-c1").expectStatus().isCreated();
        Map<String, Object> longPhone = new java.util.HashMap<>(buyer());
        longPhone.put("phone", "1".repeat(100_000));
        Map<String, Object> controlName = new java.util.HashMap<>(buyer());
        controlName.put("name", "王\u001B[2J喆");
        for (Map<String, Object> b : List.of(longPhone, controlName)) {
            f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "BIG", "amount", "100000", "buyer", b))
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).hasSizeLessThan(600));
        }
        f.unit(SITE, unit).jsonPath("$.request").doesNotExist();
    }
}
