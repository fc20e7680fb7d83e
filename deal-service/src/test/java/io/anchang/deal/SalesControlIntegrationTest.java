package io.anchang.deal;

import io.anchang.deal.application.HoldingUnits;
import io.anchang.platform.events.Topics;
import io.anchang.testing.TopicProbe;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import io.anchang.testing.SiteIsolationWalk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.anchang.deal.DealFixture.control;
import static io.anchang.deal.DealFixture.finance;
import static io.anchang.deal.DealFixture.manager;
import static io.anchang.deal.DealFixture.rep;
import static io.anchang.deal.DealFixture.token;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/** R-DEAL-1, R-DEAL-2, R-DEAL-12 over the wire: inventory, the board, holds, reservations, deposit requests, bad input. */
class SalesControlIntegrationTest extends DealIntegrationBase {

    static final String SITE = "DL01";
    static final String OTHER = "DL02";

    @Autowired
    HoldingUnits holding;

    DealFixture f;

    @BeforeEach
    void siteWithCustomers() {
        f = fixture();
        f.site(SITE);
        f.site(OTHER);
        f.customer(SITE, "c-rep1", SITE + "-rep1");
        f.customer(SITE, "c-rep2", SITE + "-rep2");
        f.customer(OTHER, "c-other", OTHER + "-rep1");
    }

    @Test
    @DisplayName("R-DEAL-1 a building's price list (CSV) becomes its board: floors from the top, units by number, all AVAILABLE")
    void aPriceListBecomesTheBoard() {
        f.building(SITE, "B1", List.of("1801,18,3600000", "1701,17,3580000.00", "1702,17,2480000.50"));
        web.get().uri("/api/deals/sites/{s}/buildings/B1/board", SITE).headers(h -> h.setBearerAuth(rep(SITE, 1)))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.floors[0].floor").isEqualTo(18)
                .jsonPath("$.floors[1].units[1].label").isEqualTo("B1-1702")
                .jsonPath("$.floors[1].units[1].listPrice").isEqualTo("2480000.50")
                .jsonPath("$.floors[1].units[0].status").isEqualTo("AVAILABLE")
                .jsonPath("$.counts.AVAILABLE").isEqualTo(3);
    }

    @Test
    @DisplayName("R-DEAL-1 a price list with errors reports every row's error and imports nothing")
    void aBadPriceListReportsEveryRow() {
        web.post().uri("/api/deals/sites/{s}/buildings", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .bodyValue(object("code", "B2", "name", "2号楼")).exchange().expectStatus().isCreated();
        String csv = "房号,楼层,户型,面积,总价\n201,2,两室,88,1800000\n202,二,两室,88,1800000\n203,2,两室,-5,1800000.123\n201,2,两室,88,1800000\n";
        web.post().uri("/api/deals/sites/{s}/buildings/B2/price-list", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json").expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:price-list-invalid")
                .jsonPath("$.errors.length()").isEqualTo(3)
                .jsonPath("$.errors[0].row").isEqualTo(3)
                .jsonPath("$.errors[1].message").value(m -> assertThat((String) m).contains("第 4 行", "面积", "总价"))
                .jsonPath("$.errors[2].message").value(m -> assertThat((String) m).contains("重复"));
        web.get().uri("/api/deals/sites/{s}/buildings/B2/board", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.floors.length()").isEqualTo(0);
    }

    @Test
    @DisplayName("R-DEAL-1 an Excel price list imports too; units are entered one by one only by SALES_CONTROL or the MANAGER")
    void excelAndSingleUnits() throws IOException {
        web.post().uri("/api/deals/sites/{s}/buildings", SITE).headers(h -> h.setBearerAuth(manager(SITE)))
                .bodyValue(object("code", "B3", "name", "3号楼", "project", "滨江壹号")).exchange().expectStatus().isCreated();
        byte[] xlsx;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("价目表");
            Object[][] rows = {{"房号", "楼层", "户型", "面积", "总价", "朝向", "等级"}, {"301", 3, "三室", 120.5, 3000000, "南", "A"},
                    {"302", 3, "两室", 88, 2100000.5, "北", "B"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue((String) rows[r][c]);
                    }
                }
            }
            book.write(out);
            xlsx = out.toByteArray();
        }
        web.post().uri("/api/deals/sites/{s}/buildings/B3/price-list", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .bodyValue(xlsx).exchange().expectStatus().isCreated().expectBody().jsonPath("$.imported").isEqualTo(2);
        f.unit(SITE, SITE + "-B3-302").jsonPath("$.listPrice").isEqualTo("2100000.50").jsonPath("$.area").isEqualTo("88.00");

        Map<String, Object> unit = object("number", "401", "floor", 4, "layout", "三室", "area", 120, "listPrice", "3100000");
        web.post().uri("/api/deals/sites/{s}/buildings/B3/units", SITE).headers(h -> h.setBearerAuth(rep(SITE, 1)))
                .bodyValue(unit).exchange().expectStatus().isForbidden();
        web.post().uri("/api/deals/sites/{s}/buildings/B3/units", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .bodyValue(unit).exchange().expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("AVAILABLE");
    }

    @Test
    @DisplayName("R-DEAL-2 a rep holds an AVAILABLE unit for their customer until holdMinutes; the next rep gets 409 naming the holder")
    void aRepHoldsAndTheNextIsToldWho() {
        f.building(SITE, "H1", List.of("101,1,2000000"));
        String unit = SITE + "-H1-101";
        f.hold(rep(SITE, 1), SITE, unit, "c-rep1").expectStatus().isCreated().expectBody()
                .jsonPath("$.status").isEqualTo("HELD")
                .jsonPath("$.hold.repUserId").isEqualTo(SITE + "-rep1")
                .jsonPath("$.hold.expiresAt").value(expires -> {
                    Map<String, Object> json = f.unitJson(SITE, unit);
                    @SuppressWarnings("unchecked") Map<String, Object> hold = (Map<String, Object>) json.get("hold");
                    assertThat(Duration.between(Instant.parse((String) hold.get("heldAt")), Instant.parse((String) expires)))
                            .isEqualTo(Duration.ofMinutes(30));
                });
        f.hold(rep(SITE, 2), SITE, unit, "c-rep2").expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json").expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:unit-already-held")
                .jsonPath("$.heldBy").isEqualTo(SITE + "-rep1")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("房源 H1-101 已被 " + SITE + "-rep1 保留"));
        f.unit(SITE, unit).jsonPath("$.hold.customerId").isEqualTo("c-rep1");
    }

    @Test
    @DisplayName("R-DEAL-2 a rep holds only for a customer of theirs; a MANAGER for any of the site; an unknown customer is 404")
    void onlyForTheRepsOwnCustomer() {
        f.building(SITE, "H2", List.of("201,2,2000000", "202,2,2000000"));
        f.hold(rep(SITE, 1), SITE, SITE + "-H2-201", "c-rep2").expectStatus().isForbidden().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:customer-of-another-rep")
                .jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("客户属于其他置业顾问"));
        f.hold(rep(SITE, 1), SITE, SITE + "-H2-201", "nobody").expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:customer-unknown");
        f.unit(SITE, SITE + "-H2-201").jsonPath("$.status").isEqualTo("AVAILABLE");
        f.hold(manager(SITE), SITE, SITE + "-H2-202", "c-rep2").expectStatus().isCreated();
    }

    @Test
    @DisplayName("R-SEC-1 a hold on another site's unit is refused and changes nothing")
    void aHoldOnAnotherSitesUnitIsRefused() {
        f.building(OTHER, "X1", List.of("101,1,2000000"));
        f.hold(rep(SITE, 1), OTHER, OTHER + "-X1-101", "c-rep1").expectStatus().isForbidden().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        f.hold(rep(SITE, 1), SITE, OTHER + "-X1-101", "c-rep1").expectStatus().isNotFound();
        web.get().uri("/api/deals/sites/{s}/units/{u}", OTHER, OTHER + "-X1-101").headers(h -> h.setBearerAuth(manager(OTHER)))
                .exchange().expectBody().jsonPath("$.status").isEqualTo("AVAILABLE");
    }

    @Test
    @DisplayName("R-DEAL-1 SALES_CONTROL reserves a unit (a rep cannot), a RESERVED unit is not held, and it goes back on sale")
    void salesControlReserves() {
        f.building(SITE, "R1", List.of("101,1,2000000"));
        String unit = SITE + "-R1-101";
        web.post().uri("/api/deals/sites/{s}/units/{u}/reservation", SITE, unit).headers(h -> h.setBearerAuth(rep(SITE, 1)))
                .bodyValue(object("reason", "留给老板")).exchange().expectStatus().isForbidden();
        web.post().uri("/api/deals/sites/{s}/units/{u}/reservation", SITE, unit).headers(h -> h.setBearerAuth(control(SITE)))
                .bodyValue(object("reason", "开发商保留")).exchange().expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("RESERVED");
        f.hold(rep(SITE, 1), SITE, unit, "c-rep1").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:unit-not-available")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("销控"));
        web.delete().uri("/api/deals/sites/{s}/units/{u}/reservation", SITE, unit).headers(h -> h.setBearerAuth(control(SITE)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("AVAILABLE");
        f.hold(rep(SITE, 1), SITE, unit, "c-rep1").expectStatus().isCreated();
    }

    @Test
    @DisplayName("R-DEAL-2 SALES_CONTROL sees a hold the moment it happens (server-sent events of the site's unit changes)")
    void salesControlSeesHoldsLive() throws Exception {
        f.building(SITE, "S1", List.of("101,1,2000000"));
        String unit = SITE + "-S1-101";
        var stream = web.get().uri("/api/deals/sites/{s}/unit-changes", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { }).getResponseBody();
        // the unit's own creation may still be on its way to the stream: the change looked for is the hold
        CompletableFuture<Map<String, Object>> seen = stream.filter(e -> "unit".equals(e.event()) && e.data() != null
                        && unit.equals(e.data().get("id")) && !"AVAILABLE".equals(e.data().get("status")))
                .map(ServerSentEvent::data).next().toFuture();
        f.hold(rep(SITE, 1), SITE, unit, "c-rep1").expectStatus().isCreated();
        Map<String, Object> change = seen.get(30, TimeUnit.SECONDS);
        assertThat(change.get("status")).isEqualTo("HELD");
        assertThat(change.get("hold")).asString().contains(SITE + "-rep1");
        web.get().uri("/api/deals/sites/{s}/unit-changes", SITE).headers(h -> h.setBearerAuth(rep(OTHER, 1)))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("R-DEAL-2 a hold not confirmed within holdMinutes lapses: AVAILABLE again, and the release is published; one whose deposit waits at the finance desk is left to the desk's verdict")
    void aHoldLapses() {
        f.building(SITE, "L1", List.of("101,1,2000000", "102,1,2000000"));
        String unit = SITE + "-L1-101";
        String waiting = SITE + "-L1-102";
        f.hold(rep(SITE, 1), SITE, unit, "c-rep1").expectStatus().isCreated();
        f.hold(rep(SITE, 1), SITE, waiting, "c-rep1").expectStatus().isCreated();
        f.requestDeposit(rep(SITE, 1), SITE, waiting, object("kind", "SMALL", "amount", "20000")).expectStatus().isCreated();
        assertThat(holding.releaseLapsed(Instant.now().plus(Duration.ofMinutes(29))).block()).isZero();
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("HELD");
        assertThat(holding.releaseLapsed(Instant.now().plus(Duration.ofMinutes(31))).block()).isGreaterThanOrEqualTo(1L);
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("AVAILABLE").jsonPath("$.hold").doesNotExist()
                .jsonPath("$.request").doesNotExist();
        // R-DEAL-2, R-FIN-2: the finance desk judges that one's deadline (DeadlinesIntegrationTest)
        f.unit(SITE, waiting).jsonPath("$.status").isEqualTo("HELD");
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-released", p -> unit.equals(p.path("unitId").asString())))
                .extracting(e -> e.path("payload").path("reason").asString()).contains("HOLD_LAPSED");
    }

    @Test
    @DisplayName("bad deposit requests — 0, negative, 3 decimals, another currency, more than the price — get a problem detail and change nothing")
    void badDepositAmountsAreRefused() {
        f.building(SITE, "D1", List.of("101,1,2000000"));
        String unit = SITE + "-D1-101";
        f.hold(rep(SITE, 1), SITE, unit, "c-rep1").expectStatus().isCreated();
        Map<String, String> cases = Map.of(
                "0", "amount-not-positive", "-100", "amount-not-positive", "100.005", "amount-too-precise",
                "2000000.01", "deposit-exceeds-price", "abc", "amount-invalid");
        cases.forEach((amount, type) -> f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", amount))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:" + type)
                .jsonPath("$.correlationId").exists());
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", 100.005))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:amount-too-precise");
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", "100", "currency", "USD"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:currency-not-supported");
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "BIG", "amount", "100000"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:buyer-contact-invalid");
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "BIG", "amount", "100000",
                        "buyer", object("name", "王小明", "phone", "12345", "address", "上海市浦东新区滨江大道1号", "postcode", "200120")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("联系电话"));
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("HELD").jsonPath("$.request").doesNotExist();
    }

    @Test
    @DisplayName("R-DEAL-12 a rep's discount above repDiscountPercent is refused, a MANAGER's up to managerDiscountPercent is kept with who granted it")
    void discountsWithinTheGrantingRolesLimit() {
        f.building(SITE, "P1", List.of("101,1,2000000"));
        String unit = SITE + "-P1-101";
        f.hold(rep(SITE, 1), SITE, unit, "c-rep1").expectStatus().isCreated();
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", "20000", "discountPercent", 1.5))
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:discount-over-limit");
        f.requestDeposit(manager(SITE), SITE, unit, object("kind", "SMALL", "amount", "20000", "discountPercent", 3))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.request.price").isEqualTo("1940000.00")
                .jsonPath("$.request.grantedBy").isEqualTo("mgr-" + SITE);
    }

    @Test
    @DisplayName("R-SEC-2 no route of deal-service marks anything paid: no payment route in its API, and every write route, tried by the rep, the manager, sales control and FINANCE with money in the body, leaves the held unit without a deposit and publishes none (finance-service's confirmation alone moves it, DepositSagaIntegrationTest)")
    void noRouteMarksAnythingPaid(@LocalManagementPort int managementPort) {
        f.building(SITE, "F1", List.of("101,1,2000000"));
        String unit = SITE + "-F1-101";
        f.hold(rep(SITE, 1), SITE, unit, "c-rep1").expectStatus().isCreated();
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "BIG", "amount", "100000", "buyer", DealFixture.buyer()))
                .expectStatus().isCreated();
        Map<String, Object> money = object("status", "BIG_DEPOSIT", "paid", true, "confirmed", true, "kind", "BIG",
                "amount", "100000.00", "deposit", "100000.00", "receiptNo", "FAKE-1", "method", "CASH", "customerId", "c-rep1",
                "buyer", DealFixture.buyer());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort).build().get().uri(SiteIsolationWalk.API_DOCS).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("paths");
        assertThat(paths.keySet()).as("no payment route").isNotEmpty().noneMatch(path -> path.contains("confirm")
                || path.contains("payment") || path.contains("receipt") || path.contains("paid"));
        int tried = 0;
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            String uri = path.getKey().replace("{site}", SITE).replace("{unitId}", unit).replace("{building}", "F1")
                    .replaceAll("\\{[^}]+}", "nothing-1"); // the after-deposit routes name deals, approvals and cases: none of them
            for (String method : path.getValue().keySet()) {
                if (!List.of("post", "put", "patch", "delete").contains(method)) {
                    continue;
                }
                for (String caller : List.of(rep(SITE, 1), manager(SITE), control(SITE), finance(SITE))) {
                    int status = web.method(org.springframework.http.HttpMethod.valueOf(method.toUpperCase())).uri(uri)
                            .headers(h -> h.setBearerAuth(caller)).bodyValue(money).exchange()
                            .returnResult(String.class).getStatus().value();
                    assertThat(status).as(method + " " + uri + " answers a problem, never a 500").isLessThan(500);
                    tried++;
                }
            }
        }
        assertThat(tried).as("the API's write routes were tried").isGreaterThanOrEqualTo(4 * 6);
        Map<String, Object> after = f.unitJson(SITE, unit);
        assertThat(after.get("status")).isNotIn("SMALL_DEPOSIT", "BIG_DEPOSIT", "CONTRACTED");
        assertThat(String.valueOf(after.get("sale"))).doesNotContain("FAKE-1");

        // the finance desk's confirmation is what moves it: afterwards the unit has exactly one deposit, that one
        if (!"HELD".equals(after.get("status"))) {
            f.hold(rep(SITE, 1), SITE, unit, "c-rep1").expectStatus().isCreated();
        }
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "BIG", "amount", "100000", "buyer", DealFixture.buyer()));
        List<tools.jackson.databind.JsonNode> requested = TopicProbe.events(Topics.DEAL, "deal.deposit-requested",
                p -> unit.equals(p.path("unitId").asString()));
        String requestId = requested.get(requested.size() - 1).path("payload").path("requestId").asString();
        io.anchang.testing.TestEvents.publish(Topics.FINANCE, "finance.deposit-confirmed", 1, SITE, requestId, object(
                "requestId", requestId, "siteId", SITE, "unitId", unit, "holdId", null, "kind", "BIG", "receiptNo", "SH-REAL-1",
                "amount", new java.math.BigDecimal("100000.00"), "method", "TRANSFER", "reference", "BANK-1", "confirmedBy", "fin-" + SITE,
                "confirmedAt", Instant.now().toString()), "it-" + java.util.UUID.randomUUID());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(f.unitJson(SITE, unit).get("status")).isEqualTo("BIG_DEPOSIT"));
        assertThat(TopicProbe.events(Topics.DEAL, "deal.big-deposit-signed", p -> unit.equals(p.path("unitId").asString())))
                .as("one big deposit for the unit: the finance desk's").hasSize(1);
        assertThat(String.valueOf(f.unitJson(SITE, unit).get("sale"))).contains("SH-REAL-1").doesNotContain("FAKE-1");
    }
}
