package io.anchang.systemtest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reports (R-RPT) as the office makes them: at HZ01's desk two walk-ins of one new customer and a call,
 * then a hold, a small deposit and its upgrade to a big deposit, each confirmed by the finance desk — all
 * through the gateway with real Keycloak tokens — and every form shows exactly those numbers more than
 * before (the office already holds the demo data and what earlier classes did).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(50)
class ReportsSystemTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SITE = "HZ01";
    /** How long no event may come before the forms are read "before": the office is still. */
    static final Duration QUIET = Duration.ofSeconds(4);
    static WebTestClient gateway;
    static String manager;
    static String day;
    static String month;
    /** The rep who is up and serves the walk-ins, and the other rep, who takes the call. */
    static String rep;
    static String other;
    static final Map<String, JsonNode> before = new LinkedHashMap<>();
    static String unitId;
    static String unitLabel;
    static BigDecimal price;
    static String agreementNo;

    @BeforeAll
    static void theOffice() {
        gateway = TheOffice.gateway();
        manager = TheOffice.manager(SITE);
    }

    @Test
    @Order(1)
    @DisplayName("R-RPT-1..6 what the forms show before: every event of the office so far applied")
    void theFormsBefore() {
        String status = TheOffice.token("hq-analyst");
        // the read models have read every topic to its end, and no event has come for a few seconds (the
        // services' relays have published what the earlier tests wrote): polled, not a fixed wait
        long[] applied = {-1};
        Instant[] since = {Instant.now()};
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode s = json(get("/api/reports/projections", status));
            long events = StreamSupport.stream(s.path("engines").spliterator(), false)
                    .filter(e -> e.path("generation").asInt() == s.path("active").asInt() && e.path("lag").asLong() == 0)
                    .mapToLong(e -> e.path("events").asLong()).findFirst().orElse(-1);
            if (events < 0 || events != applied[0]) {
                applied[0] = events;
                since[0] = Instant.now();
                return false;
            }
            return Duration.between(since[0], Instant.now()).compareTo(QUIET) >= 0;
        });
        JsonNode board = json(get("/api/reception/sites/HZ01/rotation", manager));
        rep = board.path("up").path("userId").asString();
        assertThat(rep).as("a rep is up at HZ01").isNotBlank();
        other = rep.equals("hz01-sales1") ? "hz01-sales2" : "hz01-sales1";
        JsonNode daily = json(get("/api/reports/sites/HZ01/forms/daily", manager));
        day = daily.path("from").asString();
        month = day.substring(0, 7);
        before.put("daily", daily);
        before.put("bonus", json(get("/api/reports/sites/HZ01/forms/bonus?period=MONTH&date=" + day, manager)));
        before.put("sales", json(get("/api/reports/sites/HZ01/forms/sales?period=MONTH&date=" + day, manager)));
        before.put("targets", json(get("/api/reports/sites/HZ01/forms/targets?month=" + month, manager)));
        before.put("headOffice", json(get("/api/reports/head-office?period=MONTH&date=" + day, TheOffice.token("hq-analyst"))));
    }

    @Test
    @Order(2)
    @DisplayName("R-REC-3 R-DEAL-2 R-FIN-2 the office works: two walk-ins of a new customer, a call, a hold, a small deposit and a big one confirmed by FINANCE")
    void theOfficeWorks() {
        String digits = String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
        String phone = "187" + digits;
        String repToken = TheOffice.token(rep);
        JsonNode first = json(gateway.post().uri("/api/reception/sites/HZ01/visits").headers(h -> h.setBearerAuth(repToken))
                .bodyValue(object("requestId", "rpt-" + UUID.randomUUID(), "phone", phone, "name", "高先生", "firstVisit", true))
                .exchange().expectStatus().isCreated());
        assertThat(first.path("servedBy").asString()).isEqualTo(rep);
        String customer = first.path("customerId").asString();
        seeOff(first.path("visitId").asString(), repToken);
        JsonNode again = json(gateway.post().uri("/api/reception/sites/HZ01/visits").headers(h -> h.setBearerAuth(repToken))
                .bodyValue(object("requestId", "rpt-" + UUID.randomUUID(), "phone", phone, "name", "高先生", "firstVisit", false))
                .exchange().expectStatus().isCreated());
        assertThat(again.path("servedBy").asString()).isEqualTo(rep);
        seeOff(again.path("visitId").asString(), repToken);
        gateway.post().uri("/api/reception/sites/HZ01/calls").headers(h -> h.setBearerAuth(TheOffice.token(other)))
                .bodyValue(object("requestId", "rpt-call-" + UUID.randomUUID(), "phone", "186" + digits, "name", "来电客户"))
                .exchange().expectStatus().isCreated();

        // the rep holds a unit for the customer once deal-service has learnt whose customer it is
        JsonNode board = json(get("/api/deals/sites/HZ01/buildings/1/board", manager));
        JsonNode unit = StreamSupport.stream(board.path("floors").spliterator(), false)
                .flatMap(f -> StreamSupport.stream(f.path("units").spliterator(), false))
                .filter(u -> u.path("status").asString().equals("AVAILABLE")).findFirst().orElseThrow();
        unitId = unit.path("id").asString();
        String path = "/api/deals/sites/HZ01/units/" + unitId;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> gateway.post().uri(path + "/hold")
                .headers(h -> h.setBearerAuth(repToken)).bodyValue(object("customerId", customer)).exchange()
                .returnResult(String.class).getStatus().value() == 201);
        JsonNode small = json(gateway.post().uri(path + "/deposit-request").headers(h -> h.setBearerAuth(repToken))
                .bodyValue(object("kind", "SMALL", "amount", "20000.00")).exchange().expectStatus().isCreated());
        confirm(small.path("request").path("requestId").asString(), "20000.00");
        await().atMost(Duration.ofSeconds(60)).until(() -> unit(path).path("status").asString().equals("SMALL_DEPOSIT"));
        JsonNode big = json(gateway.post().uri(path + "/deposit-request").headers(h -> h.setBearerAuth(repToken))
                .bodyValue(object("kind", "BIG", "amount", "80000.00", "buyer", object("name", "高建国", "phone", phone,
                        "address", "杭州市西湖区文三路90号", "postcode", "310012")))
                .exchange().expectStatus().isCreated());
        price = new BigDecimal(big.path("request").path("price").asString());
        confirm(big.path("request").path("requestId").asString(), "80000.00");
        // the agreement is numbered just after the unit moved (gap-free numbers)
        await().atMost(Duration.ofSeconds(60)).until(() -> unit(path).path("status").asString().equals("BIG_DEPOSIT")
                && !unit(path).path("sale").path("agreement").path("number").asString().isBlank());
        JsonNode sold = unit(path);
        unitLabel = sold.path("label").asString();
        agreementNo = sold.path("sale").path("agreement").path("number").asString();
    }

    @Test
    @Order(3)
    @DisplayName("R-RPT-1 来人来电统计表 shows the two visits (first, return), the call, the new customers, the hold and both deposits")
    void theDailyStatistics() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode now = json(get("/api/reports/sites/HZ01/forms/daily?day=" + day, manager));
            Delta byRep = new Delta(table(before.get("daily"), "byRep"), table(now, "byRep"), "userId");
            byRep.row(rep, "visits", 2, "firstVisits", 1, "returnVisits", 1, "newCustomers", 1, "holds", 1, "smallDeposits", 1,
                    "bigDeposits", 1, "subscribedAmount", price, "receptions", 2);
            byRep.row(other, "calls", 1, "newCustomers", 1, "visits", 0, "bigDeposits", 0);
            byRep.total("calls", 1, "visits", 2, "firstVisits", 1, "returnVisits", 1, "newCustomers", 2, "holds", 1, "smallDeposits", 1,
                    "bigDeposits", 1, "contracts", 0, "subscribedAmount", price);
        });
    }

    @Test
    @Order(4)
    @DisplayName("R-RPT-3 小订明细表, 大订明细表 and 销售统计表: the unit with its deposits, agreement and price; sold once more in its building")
    void theRegisters() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode small = table(json(get("/api/reports/sites/HZ01/registers/small-deposits?from=" + day + "&to=" + day, manager)), "rows");
            JsonNode row = find(small, "unit", unitLabel);
            assertThat(row.path("status").asString()).isEqualTo("已转大订");
            assertThat(row.path("amount").decimalValue()).isEqualByComparingTo("20000.00");
            assertThat(row.path("phone").asString()).contains("****");
            JsonNode bigRow = find(table(json(get("/api/reports/sites/HZ01/registers/big-deposits?from=" + day + "&to=" + day, manager)),
                    "rows"), "unit", unitLabel);
            assertThat(bigRow.path("price").decimalValue()).isEqualByComparingTo(price);
            assertThat(bigRow.path("deposit").decimalValue()).isEqualByComparingTo("100000.00");
            assertThat(bigRow.path("agreementNo").asString()).isEqualTo(agreementNo);
            JsonNode now = json(get("/api/reports/sites/HZ01/forms/sales?period=MONTH&date=" + day, manager));
            Delta buildings = new Delta(table(before.get("sales"), "byBuilding"), table(now, "byBuilding"), "code");
            buildings.row("1", "bigDeposit", 1, "sold", 1, "periodBigDeposits", 1, "periodSubscribed", price, "units", 0);
        });
    }

    @Test
    @Order(5)
    @DisplayName("R-RPT-5 业绩及奖金分成表: the deal's shares, provisional, the rep's with the amounts; money: the deposits collected")
    void theBonusAndTheMoney() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode now = json(get("/api/reports/sites/HZ01/forms/bonus?period=MONTH&date=" + day, manager));
            new Delta(table(before.get("bonus"), "byRep"), table(now, "byRep"), "userId")
                    .total("provisionalDeals", 1, "provisionalCredit", 1, "provisionalAmount", price, "provisionalBonusBase", price,
                            "finalDeals", 0, "reversedDeals", 0);
            JsonNode targets = json(get("/api/reports/sites/HZ01/forms/targets?month=" + month, manager));
            new Delta(table(before.get("targets"), "byRep"), table(targets, "byRep"), "userId")
                    .row(rep, "units", 1, "subscribed", price, "collected", new BigDecimal("100000.00"));
        });
    }

    @Test
    @Order(6)
    @DisplayName("R-RPT-6 head office sees HZ01 side by side with the other sites; HZ01's manager sees only HZ01; SH01's manager gets 403 on HZ01's forms")
    void headOffice() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode now = json(get("/api/reports/head-office?period=MONTH&date=" + day, TheOffice.token("hq-analyst")));
            assertThat(table(now, "sites").path("rows")).extracting(r -> r.path("site").asString()).contains("SH01", "HZ01");
            new Delta(table(before.get("headOffice"), "sites"), table(now, "sites"), "site")
                    .row(SITE, "calls", 1, "visits", 2, "firstVisits", 1, "newCustomers", 2, "smallDeposits", 1, "bigDeposits", 1,
                            "subscribedAmount", price, "collected", new BigDecimal("100000.00"));
        });
        JsonNode own = json(get("/api/reports/head-office", manager));
        assertThat(table(own, "sites").path("rows")).extracting(r -> r.path("site").asString()).containsExactly(SITE);
        gateway.get().uri("/api/reports/sites/HZ01/forms/daily").headers(h -> h.setBearerAuth(TheOffice.manager("SH01"))).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
    }

    @Test
    @Order(7)
    @DisplayName("R-RPT-7 through the gateway the daily form downloads as a workbook titled 来人来电统计表 and as CSV with a byte-order mark")
    void downloads() throws IOException {
        byte[] xlsx = gateway.get().uri("/api/reports/sites/HZ01/forms/daily?day=" + day + "&format=xlsx")
                .headers(h -> h.setBearerAuth(manager)).exchange().expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody().returnResult().getResponseBody();
        StringBuilder parts = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                parts.append(entry.getName()).append('\n');
                if (entry.getName().startsWith("xl/worksheets/") || entry.getName().equals("xl/sharedStrings.xml")) {
                    parts.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(parts.toString()).contains("xl/workbook.xml").contains("来人来电统计表").contains("<pane").contains("frozen");
        byte[] csv = gateway.get().uri("/api/reports/sites/HZ01/forms/daily?day=" + day + "&format=csv")
                .headers(h -> h.setBearerAuth(manager)).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("来人来电统计表").contains("置业顾问,来电");
    }

    /** The change of each named number between two readings of a table, row by row and in total. */
    record Delta(JsonNode before, JsonNode after, String key) {

        void row(String id, Object... expected) {
            check(find(before, key, id).orElse(null), find(after, key, id).orElseThrow(() -> new AssertionError("no row " + id)), expected);
        }

        void total(Object... expected) {
            check(before.path("total"), after.path("total"), expected);
        }

        private static Optional<JsonNode> find(JsonNode table, String key, String id) {
            return StreamSupport.stream(table.path("rows").spliterator(), false).filter(r -> r.path(key).asString().equals(id)).findFirst();
        }

        private static void check(JsonNode was, JsonNode now, Object... expected) {
            Function<JsonNode, BigDecimal> value = node -> node == null || node.isMissingNode() || node.isNull() ? BigDecimal.ZERO : node.decimalValue();
            for (int i = 0; i < expected.length; i += 2) {
                String field = (String) expected[i];
                BigDecimal delta = value.apply(now.path(field)).subtract(value.apply(was == null ? null : was.path(field)));
                assertThat(delta).as(field + " of " + now).isEqualByComparingTo(new BigDecimal(expected[i + 1].toString()));
            }
        }
    }

    private static void seeOff(String visitId, String token) {
        gateway.post().uri("/api/reception/sites/HZ01/visits/{id}/see-off", visitId).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().is2xxSuccessful();
    }

    private static void confirm(String requestId, String amount) {
        String finance = TheOffice.token("hz01-finance");
        await().atMost(Duration.ofSeconds(60)).until(() -> StreamSupport.stream(json(get("/api/finance/sites/HZ01/deposit-requests", finance))
                .spliterator(), false).anyMatch(item -> item.path("requestId").asString().equals(requestId)));
        gateway.post().uri("/api/finance/deposit-requests/{id}/confirmation", requestId).headers(h -> h.setBearerAuth(finance))
                .bodyValue(object("amount", amount, "method", "TRANSFER", "reference", "RPT-" + requestId.substring(0, 8)))
                .exchange().expectStatus().isCreated();
    }

    private static JsonNode unit(String path) {
        return json(get(path, manager));
    }

    private static JsonNode find(JsonNode table, String field, String value) {
        return StreamSupport.stream(table.path("rows").spliterator(), false).filter(r -> r.path(field).asString().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + field + "=" + value));
    }

    private static JsonNode table(JsonNode report, String key) {
        return StreamSupport.stream(report.path("tables").spliterator(), false).filter(t -> t.path("key").asString().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no table " + key));
    }

    private static WebTestClient.ResponseSpec get(String path, String token) {
        return gateway.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
    }

    private static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JSON.readTree(body == null ? "null" : new String(body, StandardCharsets.UTF_8));
    }
}
