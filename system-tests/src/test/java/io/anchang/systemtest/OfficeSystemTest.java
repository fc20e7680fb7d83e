package io.anchang.systemtest;

import io.anchang.launcher.DemoData;
import io.anchang.launcher.Office;
import io.anchang.testing.BadTokens;
import io.anchang.testing.SiteIsolationWalk;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The office as a newcomer meets it: started by the run command's launcher (a real
 * Kafka broker, the MongoDB stand-in on disk, a real Keycloak, the services and the
 * gateway, the demo data) on free ports and a data folder of its own, once for the run
 * ({@link TheOffice}); driven through the gateway with real Keycloak tokens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(10)
class OfficeSystemTest {

    static final Path ROOT = TheOffice.ROOT;
    static final Path REALM = TheOffice.REALM;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Office office;
    static WebTestClient gateway;

    @BeforeAll
    static void theOffice() {
        office = TheOffice.office();
        gateway = TheOffice.gateway();
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
    @DisplayName("R-REC-1 the demo office is alive: today's rotation of both sites holds each rep who receives customers once, and the board's up and on-deck reps are the ones the rotation gives")
    void theDemoOfficeHasTodaysRotation() {
        List<String> freeSites = new java.util.ArrayList<>();
        for (String site : DemoData.SITES.keySet()) {
            JsonNode board = json(gateway.get().uri("/api/reception/sites/{site}/rotation", site)
                    .headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk());
            List<JsonNode> order = board.path("order").valueStream().toList();
            List<String> onDuty = order.stream().map(rep -> rep.path("userId").asString()).toList();
            // the site's reps and supervisors receive customers; its manager assigns (R-REC-1, R-REC-8)
            List<String> receiving = DemoData.users(REALM).stream()
                    .filter(user -> user.sites().contains(site) && (user.role().equals("SALES") || user.role().equals("SUPERVISOR")))
                    .map(DemoData.DemoUser::username).toList();
            assertThat(onDuty).as(site).containsExactlyInAnyOrderElementsOf(receiving).doesNotHaveDuplicates();
            // R-REC-1, R-REC-2: a rep owed a turn first, then the first AVAILABLE rep in turn order; on deck, the next
            // (the demo front desk of SH01 hands out customers until nobody is free, then they wait: no rep is up there)
            String up = givenBy(order, null);
            JsonNode shownUp = board.path("up").path("userId");
            assertThat(shownUp.isMissingNode() || shownUp.isNull() ? null : shownUp.asString()).as(site + " up").isEqualTo(up);
            if (up != null) {
                freeSites.add(site);
            }
            String onDeck = givenBy(order, up);
            JsonNode shown = board.path("onDeck").path("userId");
            assertThat(shown.isMissingNode() ? null : shown.asString()).as(site + " on deck").isEqualTo(onDeck);
            assertThat(board.path("busy").valueStream().map(rep -> rep.path("userId").asString()).toList()).as(site + " busy")
                    .containsExactlyInAnyOrderElementsOf(order.stream().filter(rep -> rep.path("status").asString().equals("BUSY"))
                            .map(rep -> rep.path("userId").asString()).toList());
        }
        assertThat(freeSites).as("a demo site with a rep free to receive the next customer").isNotEmpty();
    }

    /** The rep the rotation gives next, passing {@code taken}: a rep owed a turn first, then the first AVAILABLE in order. */
    private static String givenBy(List<JsonNode> order, String taken) {
        List<JsonNode> free = order.stream().filter(rep -> rep.path("status").asString().equals("AVAILABLE"))
                .filter(rep -> !rep.path("userId").asString().equals(taken)).toList();
        return free.stream().filter(rep -> rep.path("owed").asInt() > 0).findFirst().or(() -> free.stream().findFirst())
                .map(rep -> rep.path("userId").asString()).orElse(null);
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
            // a service's OpenAPI document is built on first request: more than the client's default 5 s on a crowded machine
            WebTestClient docs = WebTestClient.bindToServer().baseUrl(office.services().spec(module).managementUrl())
                    .responseTimeout(Duration.ofSeconds(30)).build();
            List<SiteIsolationWalk.Call> calls = SiteIsolationWalk.walk(docs, gateway, manager("HZ01"), "SH01");
            assertThat(calls).as(module).isNotEmpty()
                    .allSatisfy(call -> assertThat(call.isolated("SH01")).as(module + " " + call).isTrue());
        }
        assertThat(audit()).isEqualTo(before);
    }

    @Test
    @Order(10)
    @DisplayName("R-DEAL-4 R-FIN-2 the demo office has sold at SH01: 1-502 with a big deposit and its agreement, 1-303 with a small deposit, 1-204 held; each deposit confirmed by the finance desk")
    void theDemoSalesAreOnTheBoard() {
        String manager = manager("SH01");
        JsonNode big = unit(manager, "SH01-1-502");
        assertThat(big.path("status").asString()).isEqualTo("BIG_DEPOSIT");
        assertThat(big.path("sale").path("agreement").path("number").asString()).startsWith("RG-SH01-");
        JsonNode small = unit(manager, "SH01-1-303");
        assertThat(small.path("status").asString()).isEqualTo("SMALL_DEPOSIT");
        assertThat(unit(manager, "SH01-1-204").path("status").asString()).isEqualTo("HELD");
        for (JsonNode sold : List.of(big, small)) {
            JsonNode receipt = receipt(sold.path("sale").path("deposits").path(0).path("receiptNo").asString());
            assertThat(receipt.path("unitId").asString()).isEqualTo(sold.path("id").asString());
            assertThat(receipt.path("confirmedBy").asString()).isEqualTo("sh01-finance");
            assertThat(receipt.path("amount").asString()).isEqualTo(sold.path("sale").path("paid").asString());
        }
    }

    /** Flow 2's deposit as the rep asked for it (test 11), for the finance desk's tests that follow. */
    record Deposit(String unitId, String customerId, String rep, String requestId, BigDecimal price) {
    }

    static final String BIG_DEPOSIT = "100000.00";
    private static Deposit deposit;

    @Test
    @Order(11)
    @DisplayName("R-DEAL-2 a rep holds an available unit for a customer of theirs (another rep may not) and asks the finance desk for a big deposit; the desk's queue shows it")
    void aRepHoldsAUnitAndAsksForABigDeposit() {
        assertThat(deposit()).isNotNull();
    }

    /**
     * The big deposit the rep asked for (test 11) — asked for here if no test has yet, so that the finance desk's tests
     * that follow run on it whatever ran before them, and fail (never skip) when it cannot be asked for.
     */
    private static synchronized Deposit deposit() {
        if (deposit == null) {
            deposit = askForABigDeposit();
        }
        return deposit;
    }

    private static Deposit askForABigDeposit() {
        String manager = manager("SH01");
        // 孙女士, received by the demo front desk, buys a second unit from her rep
        JsonNode customer = json(gateway.post().uri("/api/customers/sites/SH01/customers/search")
                .headers(h -> h.setBearerAuth(manager)).bodyValue(object("phone", "13800138000")).exchange().expectStatus().isOk());
        String customerId = customer.path("id").asString();
        String owner = customer.path("owner").asString();
        assertThat(owner).isNotBlank();
        String unitId = firstAvailable(manager);
        String path = "/api/deals/sites/SH01/units/" + unitId;

        String other = owner.equals("sh01-sales1") ? "sh01-sales2" : "sh01-sales1";
        gateway.post().uri(path + "/hold").headers(h -> h.setBearerAuth(token(other))).bodyValue(object("customerId", customerId))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:customer-of-another-rep");
        String rep = token(owner);
        JsonNode held = json(gateway.post().uri(path + "/hold").headers(h -> h.setBearerAuth(rep))
                .bodyValue(object("customerId", customerId)).exchange().expectStatus().isCreated());
        assertThat(held.path("status").asString()).isEqualTo("HELD");
        assertThat(held.path("hold").path("repUserId").asString()).isEqualTo(owner);

        JsonNode requested = json(gateway.post().uri(path + "/deposit-request").headers(h -> h.setBearerAuth(rep))
                .bodyValue(object("kind", "BIG", "amount", BIG_DEPOSIT, "buyer", object("name", "孙丽华", "phone", "13800138000",
                        "address", "上海市浦东新区滨江大道2889弄6号1201室", "postcode", "200120")))
                .exchange().expectStatus().isCreated());
        String requestId = requested.path("request").path("requestId").asString();
        assertThat(requestId).isNotBlank();
        Deposit asked = new Deposit(unitId, customerId, owner, requestId, new BigDecimal(requested.path("request").path("price").asString()));

        // finance-service queues it from deal-service's event
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(queued(requestId)).isPresent());
        JsonNode item = queued(requestId).orElseThrow();
        assertThat(item.path("unitId").asString()).isEqualTo(unitId);
        assertThat(item.path("kind").asString()).isEqualTo("BIG");
        assertThat(item.path("amountDue").asString()).isEqualTo(BIG_DEPOSIT);
        assertThat(item.path("repUserId").asString()).isEqualTo(owner);
        return asked;
    }

    @Test
    @Order(12)
    @DisplayName("R-SEC-2 a rep who tries to confirm the deposit is refused by finance-service with a 403 problem, and the attempt is on the security audit trail; the unit stays held")
    void aRepMayNotConfirmMoney() {
        Deposit deposit = deposit();
        gateway.post().uri("/api/finance/deposit-requests/{id}/confirmation", deposit.requestId())
                .headers(h -> h.setBearerAuth(token(deposit.rep())))
                .bodyValue(object("amount", BIG_DEPOSIT, "method", "CASH", "reference", "私收"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:finance-only")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("只有财务"));

        JsonNode trail = json(gateway.get().uri("/api/finance/sites/SH01/audit?limit=1000")
                .headers(h -> h.setBearerAuth(manager("SH01"))).exchange().expectStatus().isOk());
        assertThat(trail.valueStream().filter(entry -> entry.path("action").asString().equals("security.payment-refused")
                && entry.path("subject").asString().equals(deposit.requestId())).map(entry -> entry.path("actor").asString()))
                .containsExactly(deposit.rep());
        assertThat(unit(manager("SH01"), deposit.unitId()).path("status").asString()).isEqualTo("HELD");
        assertThat(queued(deposit.requestId())).isPresent();
    }

    @Test
    @Order(13)
    @DisplayName("R-FIN-2 R-DEAL-4 sh01-finance confirms the big deposit: the unit becomes BIG_DEPOSIT, the agreement is numbered in the site's year with the balance computed and served as a PDF (认购书), the receipt is served, and the same confirmation again counts once, answered with its receipt")
    void theFinanceDeskConfirmsTheBigDeposit() throws IOException {
        Deposit deposit = deposit();
        String finance = token("sh01-finance");
        Map<String, Object> payment = object("amount", BIG_DEPOSIT, "method", "TRANSFER", "reference", "SYS-TRANSFER-1");
        JsonNode receipt = json(gateway.post().uri("/api/finance/deposit-requests/{id}/confirmation", deposit.requestId())
                .headers(h -> h.setBearerAuth(finance)).bodyValue(payment).exchange().expectStatus().isCreated());
        String receiptNo = receipt.path("receiptNo").asString();
        assertThat(receipt.path("amount").asString()).isEqualTo(BIG_DEPOSIT);
        assertThat(receipt.path("amountInWords").asString()).isEqualTo("壹拾万元整");
        assertThat(receipt.path("confirmedBy").asString()).isEqualTo("sh01-finance");

        // deal-service moves the unit from finance-service's event, and only from it
        String manager = manager("SH01");
        // R-DEAL-4: the agreement is numbered just after the unit moved (gap-free, issue 10)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode moved = unit(manager, deposit.unitId());
            assertThat(moved.path("status").asString()).isEqualTo("BIG_DEPOSIT");
            assertThat(moved.path("sale").path("agreement").path("number").asString("")).isNotEmpty();
        });
        JsonNode sale = unit(manager, deposit.unitId()).path("sale");
        assertThat(sale.path("customerId").asString()).isEqualTo(deposit.customerId());
        assertThat(sale.path("repUserId").asString()).isEqualTo(deposit.rep());
        assertThat(sale.path("deposits").path(0).path("receiptNo").asString()).isEqualTo(receiptNo);
        assertThat(sale.path("paid").asString()).isEqualTo(BIG_DEPOSIT);
        JsonNode agreement = sale.path("agreement");
        int year = LocalDate.ofInstant(Instant.parse(receipt.path("confirmedAt").asString()), ZoneId.of("Asia/Shanghai")).getYear();
        String number = agreement.path("number").asString();
        assertThat(number).matches("RG-SH01-" + year + "-\\d{6}");
        assertThat(agreement.path("balance").asString())
                .isEqualTo(deposit.price().subtract(new BigDecimal(BIG_DEPOSIT)).setScale(2).toPlainString());

        byte[] pdf = gateway.get().uri("/api/deals/sites/SH01/units/{unit}/agreement.pdf", deposit.unitId())
                .headers(h -> h.setBearerAuth(token(deposit.rep()))).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody().returnResult().getResponseBodyContent();
        assertThat(text(pdf)).contains("认购书", number, "孙丽华");
        assertThat(receipt(receiptNo).path("requestId").asString()).isEqualTo(deposit.requestId());
        byte[] printed = gateway.get().uri("/api/finance/sites/SH01/receipts/{no}/pdf", receiptNo)
                .headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody().returnResult().getResponseBodyContent();
        assertThat(text(printed)).contains("收据", receiptNo);

        // R-FIN-2, issue 10: the same payment confirmed twice counts once — the repeat is answered with the first receipt
        gateway.post().uri("/api/finance/deposit-requests/{id}/confirmation", deposit.requestId())
                .headers(h -> h.setBearerAuth(finance)).bodyValue(payment).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.receiptNo").isEqualTo(receiptNo).jsonPath("$.alreadyConfirmed").isEqualTo(true);
        assertThat(unit(manager, deposit.unitId()).path("sale").path("deposits").size()).isEqualTo(1);
    }

    @Test
    @Order(14)
    @DisplayName("R-REC-1 a walk-in registered at HZ01's desk through the gateway is served by the rep who is up; the board shows that rep busy with the visitor and the rep on deck up next")
    void aWalkInIsServedByTheRepWhoIsUp() {
        String manager = manager("HZ01");
        JsonNode before = rotation(manager);
        String up = before.path("up").path("userId").asString();
        String onDeck = before.path("onDeck").path("userId").asString();
        assertThat(up).isNotBlank();
        assertThat(onDeck).isNotBlank();
        // the rep on deck stands at the reception desk and registers the visitor
        JsonNode visit = json(gateway.post().uri("/api/reception/sites/HZ01/visits").headers(h -> h.setBearerAuth(token(onDeck)))
                .bodyValue(object("requestId", "sys-walk-in-1", "phone", "186 0000 0201", "name", "林先生", "firstVisit", true))
                .exchange().expectStatus().isCreated());
        String visitId = visit.path("visitId").asString();
        assertThat(visit.path("servedBy").asString()).isEqualTo(up);
        assertThat(visit.path("usedTurn").asBoolean()).isTrue();
        assertThat(visit.path("newCustomer").asBoolean()).isTrue();

        JsonNode board = rotation(manager);
        assertThat(board.path("up").path("userId").asString()).isEqualTo(onDeck);
        assertThat(board.path("busy").valueStream().map(rep -> rep.path("userId").asString())).containsExactly(up);
        JsonNode serving = board.path("order").valueStream().filter(rep -> rep.path("userId").asString().equals(up))
                .findFirst().orElseThrow();
        assertThat(serving.path("status").asString()).isEqualTo("BUSY");
        assertThat(serving.path("serving").path("visitId").asString()).isEqualTo(visitId);
        JsonNode register = json(gateway.get().uri("/api/reception/sites/HZ01/visits").headers(h -> h.setBearerAuth(manager))
                .exchange().expectStatus().isOk());
        assertThat(register.valueStream().filter(entry -> entry.path("visitId").asString().equals(visitId))
                .map(entry -> entry.path("servedBy").asString())).containsExactly(up);
        // R-ATT-1: the visitor is now the serving rep's customer
        gateway.post().uri("/api/customers/sites/HZ01/customers/search").headers(h -> h.setBearerAuth(manager))
                .bodyValue(object("phone", "18600000201")).exchange().expectStatus().isOk().expectBody().jsonPath("$.owner").isEqualTo(up);
        // R-REC-2: seen off, the rep is free again — the office is left as a desk would leave it for the tests after this one
        gateway.post().uri("/api/reception/sites/HZ01/visits/{id}/see-off", visitId).headers(h -> h.setBearerAuth(token(up)))
                .exchange().expectStatus().isOk();
    }

    private static JsonNode unit(String token, String unitId) {
        return json(gateway.get().uri("/api/deals/sites/SH01/units/{unit}", unitId).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk());
    }

    /** The first AVAILABLE unit of SH01's building 1, from the top floor down. */
    private static String firstAvailable(String token) {
        JsonNode board = json(gateway.get().uri("/api/deals/sites/SH01/buildings/1/board").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk());
        return board.path("floors").valueStream().flatMap(floor -> floor.path("units").valueStream())
                .filter(unit -> unit.path("status").asString().equals("AVAILABLE")).map(unit -> unit.path("id").asString())
                .findFirst().orElseThrow(() -> new AssertionError("no AVAILABLE unit at SH01"));
    }

    private static Optional<JsonNode> queued(String requestId) {
        JsonNode queue = json(gateway.get().uri("/api/finance/sites/SH01/deposit-requests")
                .headers(h -> h.setBearerAuth(token("sh01-finance"))).exchange().expectStatus().isOk());
        return queue.valueStream().filter(item -> item.path("requestId").asString().equals(requestId)).findFirst();
    }

    private static JsonNode receipt(String receiptNo) {
        return json(gateway.get().uri("/api/finance/sites/SH01/receipts/{no}", receiptNo)
                .headers(h -> h.setBearerAuth(token("sh01-finance"))).exchange().expectStatus().isOk());
    }

    private static JsonNode rotation(String token) {
        return json(gateway.get().uri("/api/reception/sites/HZ01/rotation").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk());
    }

    private static String text(byte[] pdf) throws IOException {
        assertThat(pdf).isNotNull();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static JsonNode json(WebTestClient.ResponseSpec response) {
        return JSON.readTree(body(response));
    }

    static String token(String username) {
        return TheOffice.token(username);
    }

    static String manager(String site) {
        return TheOffice.manager(site);
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
