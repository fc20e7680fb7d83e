package io.anchang.systemtest;

import io.anchang.launcher.DemoData;
import io.anchang.launcher.Office;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web application in a real browser (Debian's Chromium driven by Playwright, see
 * {@code system-tests/browser/webapp.mjs}) against the office the launcher starts: each
 * scenario works the screens as people do, signing in on Keycloak's own page, and this class
 * checks through the API that what the screens showed is what the office holds.
 *
 * <p>The run saves each role's main page at 1280 and 390 px wide in
 * {@code anchang.screenshots} (default {@code system-tests/target/screenshots}; the README's
 * pictures are these, copied to {@code docs/screenshots}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(30)
class WebAppSystemTest {

    static final Path ROOT = TheOffice.ROOT;
    static final String SITE = "SH01";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Office office;
    static WebTestClient gateway;
    /** The walk-in of test 2: a customer of the rep who served them, for the hold of test 3. */
    static JsonNode walkIn;

    @BeforeAll
    static void theOfficeAndABrowser() {
        BrowserCheck.assumeReady(ROOT);
        office = TheOffice.office();
        gateway = TheOffice.gateway();
    }

    @Test
    @Order(1)
    @DisplayName("R-SEC-1 every role signs in on Keycloak's page and lands on its main page, whose menu shows only the screens the role may use; no page is wider than the window at 1280 or at 390 px; Chinese by default, English on request")
    void eachRoleSignsInAndLandsOnItsMainPage() throws Exception {
        Path screenshots = screenshots();
        JsonNode result = scenario("walk-through of the main pages", "main-pages", Map.of("ANCHANG_OUT", screenshots.toString()));
        List<JsonNode> pages = result.path("pages").valueStream().toList();
        assertThat(pages).extracting(page -> page.path("role").asString())
                .containsExactly("SALES", "ASSISTANT", "SUPERVISOR", "MANAGER", "SALES_CONTROL", "FINANCE", "HEAD_OFFICE", "ADMIN");
        for (JsonNode page : pages) {
            assertThat(page.path("name").asString()).as(page.path("user").asString()).isNotBlank();
            for (String width : List.of("1280", "390")) {
                JsonNode shot = page.path("shots").path(width);
                assertThat(shot.path("scrollWidth").asInt()).as("%s at %s px", page.path("user").asString(), width)
                        .isLessThanOrEqualTo(Integer.parseInt(width));
                Path png = Path.of(shot.path("file").asString());
                assertThat(png).exists().startsWith(screenshots);
                byte[] head = Files.readAllBytes(png);
                assertThat(head).as("%s is a PNG", png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            }
        }
        // a rep never sees the finance desk; the finance desk never sees the front desk
        assertThat(menu(pages, "SALES")).doesNotContain("finance", "manager", "hq", "reports");
        assertThat(menu(pages, "FINANCE")).containsExactly("board", "deals", "finance", "reports");
        assertThat(menu(pages, "HEAD_OFFICE")).containsExactly("customers", "reports", "hq");
        assertThat(result.path("language").path("english").asString()).isEqualTo("Front desk");
        assertThat(result.path("language").path("chinese").asString()).isEqualTo("接待台");
    }

    @Test
    @Order(2)
    @DisplayName("R-REC-1 R-REC-2 R-REC-3 R-ATT-1 at the desk a customer is seen off and a walk-in registered with a double click is one visit, served by the rep who was up, with the rule in one sentence; the board shows the rep serving the customer, who is on that rep's list")
    void aWalkInAtTheDeskIsOnTheServingRepsListAndOnTheBoard() throws Exception {
        JsonNode result = scenario("a walk-in at the desk", "walk-in", Map.of());
        String name = result.path("name").asString();
        String servedBy = result.path("servedBy").asString();
        assertThat(servedBy).isEqualTo(result.path("up").asString());
        assertThat(result.path("ruleId").asString()).isEqualTo("R-ATT-1");
        assertThat(result.path("rule").asString()).contains("R-ATT-1");
        assertThat(result.path("posts").asInt()).as("requests sent for a double click").isEqualTo(1);

        // the register holds one visit for the double click, served as the screen said
        List<JsonNode> visits = visitsNamed(name);
        assertThat(visits).hasSize(1);
        assertThat(visits.get(0).path("visitId").asString()).isEqualTo(result.path("visitId").asString());
        assertThat(visits.get(0).path("servedBy").asString()).isEqualTo(servedBy);
        assertThat(visits.get(0).path("state").asString()).isEqualTo("SERVING");
        // R-ATT-1: first registration wins — the customer is the serving rep's
        JsonNode customer = json(gateway.post().uri("/api/customers/sites/{site}/customers/search", SITE)
                .headers(h -> h.setBearerAuth(TheOffice.manager(SITE))).bodyValue(Map.of("phone", result.path("phone").asString()))
                .exchange().expectStatus().isOk());
        assertThat(customer.path("owner").asString()).isEqualTo(servedBy);
        walkIn = result;
    }

    @Test
    @Order(3)
    @DisplayName("R-DEAL-1 R-DEAL-2 R-SEC-2 R-FIN-2 a unit held on one board turns colour on another without a reload; the rep sees no confirmation and the API refuses one; the finance desk confirms with the hold counting down and the unit moves to SMALL_DEPOSIT on both boards")
    void aUnitHeldOnOneBoardChangesOnTheOtherAndTheFinanceDeskMovesIt() throws Exception {
        assumeTrue(walkIn != null, "needs the walk-in of test 2: a customer of the rep who holds");
        JsonNode result = scenario("a unit on two boards and at the finance desk", "unit-live", Map.of(
                "ANCHANG_REP", walkIn.path("servedBy").asString(), "ANCHANG_CUSTOMER_PHONE", walkIn.path("phone").asString()));
        assertThat(result.path("refused").path("status").asInt()).isEqualTo(403);
        assertThat(result.path("refused").path("type").asString()).isEqualTo("urn:anchang:problem:finance-only");
        assertThat(result.path("left").asLong()).isPositive();

        JsonNode unit = json(gateway.get().uri("/api/deals/sites/{site}/units/{unit}", SITE, result.path("unitId").asString())
                .headers(h -> h.setBearerAuth(TheOffice.manager(SITE))).exchange().expectStatus().isOk());
        assertThat(unit.path("status").asString()).isEqualTo("SMALL_DEPOSIT");
        assertThat(unit.path("sale").path("repUserId").asString()).isEqualTo(walkIn.path("servedBy").asString());
        assertThat(unit.path("sale").path("deposits").size()).isEqualTo(1);
        assertThat(unit.path("sale").path("deposits").path(0).path("receiptNo").asString()).isEqualTo(result.path("receiptNo").asString());
        JsonNode receipt = json(gateway.get().uri("/api/finance/sites/{site}/receipts/{no}", SITE, result.path("receiptNo").asString())
                .headers(h -> h.setBearerAuth(TheOffice.token("sh01-finance"))).exchange().expectStatus().isOk());
        assertThat(receipt.path("confirmedBy").asString()).isEqualTo("sh01-finance");
        assertThat(receipt.path("amount").asString()).isEqualTo("20000.00");
        assertThat(result.path("pdf").asString()).as("the receipt opened").matches("blob:.*|download:.*\\.pdf");
    }

    @Test
    @Order(4)
    @DisplayName("a session that ends while a walk-in is typed signs in again on Keycloak's page and comes back to the form with what was typed; sent then, it is one visit")
    void aSessionThatEndsMidFormKeepsWhatWasTyped() throws Exception {
        JsonNode result = scenario("a session that ends mid-form", "session-expiry", Map.of());
        assertThat(result.path("path").asString()).isEqualTo("/desk");
        assertThat(visitsNamed(result.path("name").asString())).hasSize(1);
    }

    @Test
    @Order(5)
    @DisplayName("R-DEAL-1 bad input: the walk-in form refuses an impossible phone before sending, and shows the API's Chinese problem detail next to the field it concerns for a phone only the API can judge; a price list's three wrong rows are each shown; nothing is registered or imported")
    void badInputIsShownNextToItsField() throws Exception {
        JsonNode result = scenario("bad input at the desk", "bad-input", Map.of());
        assertThat(result.path("browserSaid").asString()).startsWith("电话号码无效");
        assertThat(result.path("apiSaid").asString()).startsWith("电话号码无效：+1 000 000 0000").doesNotContain("Not a possible");
        assertThat(result.path("status").asInt()).isEqualTo(400);
        assertThat(result.path("posts").asInt()).as("only the phone the browser could not judge was sent").isEqualTo(1);
        assertThat(visitsNamed(result.path("name").asString())).isEmpty();
        assertThat(result.path("rows").valueStream().map(row -> row.path("row").asInt())).containsExactly(2, 3, 4);
        assertThat(result.path("rows").path(0).path("text").asString()).contains("101", "已存在");
        JsonNode board = json(gateway.get().uri("/api/deals/sites/{site}/buildings/{building}/board", SITE, result.path("building").asString())
                .headers(h -> h.setBearerAuth(TheOffice.manager(SITE))).exchange().expectStatus().isOk());
        assertThat(board.path("floors").valueStream().mapToInt(floor -> floor.path("units").size()).sum())
                .isEqualTo(result.path("unitsBefore").asInt());
    }

    @Test
    @Order(6)
    @DisplayName("R-CUS-5 R-CUS-8 R-CUS-4 R-OPS-1 R-RPT-1 R-RPT-6 R-RPT-7 R-FIN-3 R-SEC-2 the new screens as their roles show the API's numbers: a rep's follow-ups and greetings of today, the card's tracking form and notebook saved; the SUPERVISOR's overdue check; the MANAGER's evening meeting saved as a new revision; the trend chart and the daily form with its .xlsx; the finance desk's payment by a double click recorded once; none wider than 390 px")
    void theNewScreensShowWhatTheApiHolds() throws Exception {
        JsonNode result = scenario("the archive, reports and after-deposit screens", "new-screens", Map.of("ANCHANG_OUT", screenshots().toString()));
        assertThat(result.path("due").asInt()).isPositive();
        assertThat(result.path("greetingKinds").valueStream().map(JsonNode::asString)).as("R-CUS-8 冯先生's birthday today").contains("BIRTHDAY");
        assertThat(result.path("gift").asInt()).as("flowers for an important customer").isPositive();
        assertThat(result.path("xlsx").path("magic").asString()).isEqualTo("PK");
        assertThat(result.path("xlsx").path("name").asString()).endsWith(".xlsx").startsWith("来人来电统计表");
        assertThat(result.path("payment").path("paidMore").asDouble()).isEqualTo(1000.0);
        result.path("widths").properties().forEach(width -> assertThat(width.getValue().asInt()).as(width.getKey()).isLessThanOrEqualTo(390));

        // what the screens saved is what the office holds
        JsonNode card = json(gateway.get().uri("/api/customers/sites/{site}/customers/{c}/card", SITE, result.path("card").path("customerId").asString())
                .headers(h -> h.setBearerAuth(TheOffice.manager(SITE))).exchange().expectStatus().isOk());
        String note = result.path("card").path("note").asString();
        assertThat(card.path("followUps").valueStream().filter(f -> note.equals(f.path("note").asString())).toList()).singleElement()
                .satisfies(f -> assertThat(f.path("tracking").path("nextDate").asString()).isEqualTo(result.path("card").path("nextDate").asString()));
        assertThat(card.path("notebook").path("background").asString()).isEqualTo(result.path("card").path("background").asString());
        JsonNode meeting = json(gateway.get().uri("/api/reception/sites/{site}/meetings/{day}", SITE,
                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString())
                .headers(h -> h.setBearerAuth(TheOffice.manager(SITE))).exchange().expectStatus().isOk());
        assertThat(meeting.path("revision").asLong()).isEqualTo(result.path("meeting").path("revision").asLong());
        assertThat(meeting.path("notes").asString()).isEqualTo(result.path("meeting").path("notes").asString());
        JsonNode due = json(gateway.get().uri("/api/finance/sites/{site}/dues/{due}", SITE, result.path("payment").path("dueId").asString())
                .headers(h -> h.setBearerAuth(TheOffice.token("sh01-finance"))).exchange().expectStatus().isOk());
        assertThat(due.path("payments").valueStream().filter(p -> "1000.00".equals(p.path("amount").asString())).count())
                .as("a double click on the payment records one").isEqualTo(1);
    }

    @Test
    @Order(40)
    @DisplayName("R-DEAL-5 R-DEAL-8 R-FIN-1 R-FIN-7 R-SEC-2 the screens after the deposit and the MANAGER's targets: the MANAGER voids an agreement (a double click: one void) and changes a name before the contract, both voided agreements kept with their paper keepers; the rep's name change after the contract waits for the fee FINANCE records; FINANCE records the mortgage to the loan paid out (one receipt) and voids a receipt and a voucher with reasons, numbers kept; the targets saved are what the report gives; none wider than 390 px")
    void theScreensAfterTheDepositAndTheTargetsDoWhatTheApiHolds() throws Exception {
        JsonNode result = scenario("after the deposit and the targets", List.of("after-deposit.mjs"), Map.of("ANCHANG_OUT", screenshots().toString()));
        String manager = TheOffice.manager(SITE);
        String finance = TheOffice.token("sh01-finance");
        result.path("widths").properties().forEach(width -> assertThat(width.getValue().asInt()).as(width.getKey()).isLessThanOrEqualTo(390));

        // R-DEAL-5, R-DEAL-8 before the contract: two voids on record with their paper keepers, the agreement issued to the new buyer
        JsonNode first = json(gateway.get().uri("/api/deals/sites/{site}/units/{unit}", SITE, result.path("units").path(0).asString())
                .headers(h -> h.setBearerAuth(manager)).exchange().expectStatus().isOk()).path("sale");
        List<JsonNode> voided = first.path("voidedAgreements").valueStream().toList();
        assertThat(voided).extracting(v -> v.path("cause").asString()).containsExactly("CORRECTION", "NAME_CHANGE");
        assertThat(voided.get(0).path("agreement").path("number").asString()).isEqualTo(result.path("voided").path("first").asString());
        assertThat(voided.get(0).path("reason").asString()).isEqualTo(result.path("voided").path("reason").asString());
        assertThat(voided).extracting(v -> v.path("paperKeeper").asString()).containsExactly("销售助理 李娜", "销售经理");
        assertThat(result.path("voided").path("agreements").valueStream().map(v -> v.path("keeper").asString())).containsExactly("销售助理 李娜", "销售经理");
        assertThat(first.path("agreement").path("buyerName").asString()).isEqualTo("吴太太");
        assertThat(first.path("agreement").path("number").asString()).isEqualTo(result.path("voided").path("current").asString())
                .isNotIn(voided.stream().map(v -> v.path("agreement").path("number").asString()).toList());

        // R-DEAL-8 after the contract, R-FIN-7: the fee recorded by FINANCE changed the buyer; the loan paid out once
        JsonNode second = json(gateway.get().uri("/api/deals/sites/{site}/units/{unit}", SITE, result.path("units").path(1).asString())
                .headers(h -> h.setBearerAuth(manager)).exchange().expectStatus().isOk()).path("sale");
        assertThat(second.path("contract").path("buyerName").asString()).isEqualTo("郑晓雨");
        JsonNode fee = json(gateway.get().uri("/api/finance/sites/{site}/dues/{due}", SITE, result.path("nameChange").path("after").path("feeDueId").asString())
                .headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk());
        assertThat(fee.path("amount").asString()).isEqualTo(result.path("nameChange").path("after").path("fee").asString());
        assertThat(fee.path("outstanding").asString()).isEqualTo("0.00");
        assertThat(fee.path("payments").size()).isEqualTo(1);
        assertThat(fee.path("payments").path(0).path("by").asString()).isEqualTo("sh01-finance");
        assertThat(result.path("mortgage").path("stage").asString()).isEqualTo("LOAN_PAID");
        JsonNode loan = json(gateway.get().uri("/api/finance/sites/{site}/dues/{due}", SITE, result.path("mortgage").path("dueId").asString())
                .headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk());
        assertThat(loan.path("payments").size()).as("a double click on the loan records one payment").isEqualTo(1);
        assertThat(loan.path("outstanding").asString()).isEqualTo("0.00");

        // R-FIN-1: voided with the reason typed, the number kept, the amount due (the refund owed) again; a deposit's receipt has no void
        String receiptNo = result.path("receipt").path("number").asString();
        JsonNode receipt = json(gateway.get().uri("/api/finance/sites/{site}/receipts/{no}", SITE, receiptNo)
                .headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk());
        assertThat(receipt.path("receiptNo").asString()).isEqualTo(receiptNo);
        assertThat(receipt.path("voided").asBoolean()).isTrue();
        assertThat(receipt.path("voidReason").asString()).isEqualTo(result.path("receipt").path("reason").asString());
        assertThat(result.path("receipt").path("dueOutstanding").asString()).isEqualTo("900000.00");
        assertThat(result.path("depositVoidable").asInt()).isZero();
        String voucherNo = result.path("voucher").path("number").asString();
        JsonNode voucher = json(gateway.get().uri("/api/finance/sites/{site}/vouchers/{no}", SITE, voucherNo)
                .headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk());
        assertThat(voucher.path("voucherNo").asString()).isEqualTo(voucherNo);
        assertThat(voucher.path("voided").asBoolean()).isTrue();
        assertThat(voucher.path("voidReason").asString()).isEqualTo(result.path("voucher").path("reason").asString());
        assertThat(result.path("voucher").path("refundStatus").asString()).isEqualTo("OPEN");
        // R-DEAL-10, R-FIN-4: the refund owed again paid in part at the desk, a double click paying once; R-CUS-12, R-SEC-2: FINANCE paid the cash reward
        JsonNode refund = json(gateway.get().uri("/api/finance/sites/{site}/refunds-due", SITE).headers(h -> h.setBearerAuth(finance))
                .exchange().expectStatus().isOk()).valueStream()
                .filter(r -> result.path("refundParts").path("refundId").asString().equals(r.path("refundId").asString())).findFirst().orElseThrow();
        assertThat(refund.path("paid").asString()).isEqualTo("30000.00");
        assertThat(refund.path("remaining").asString()).isEqualTo("60000.00");
        assertThat(refund.path("status").asString()).isEqualTo("OPEN");
        assertThat(result.path("refundParts").path("payouts").valueStream().map(JsonNode::asString)).containsExactly("30000.00");
        assertThat(result.path("reward").path("state").asString()).isEqualTo("PAID");
        assertThat(result.path("reward").path("by").asString()).isEqualTo("sh01-finance");

        // the targets saved on the screen are what the targets API and the report give, and the screen shows the report's
        String month = result.path("targets").path("month").asString();
        JsonNode targets = json(gateway.get().uri("/api/reports/sites/{site}/targets/{month}", SITE, month)
                .headers(h -> h.setBearerAuth(manager)).exchange().expectStatus().isOk());
        assertThat(targets.path("setBy").asString()).isEqualTo("sh01-manager");
        assertThat(targets.path("siteTargets").path("units").asLong()).isEqualTo(12);
        assertThat(targets.path("siteTargets").path("subscribed").asString()).isEqualTo("36000000.00");
        JsonNode rep = targets.path("reps").valueStream().filter(r -> "sh01-sales2".equals(r.path("userId").asString())).findFirst().orElseThrow();
        assertThat(rep.path("units").asLong()).isEqualTo(3);
        assertThat(rep.path("subscribed").asString()).isEqualTo("9000000.50");
        JsonNode report = json(gateway.get().uri("/api/reports/sites/{site}/forms/targets?month={month}", SITE, month)
                .headers(h -> h.setBearerAuth(manager)).exchange().expectStatus().isOk());
        JsonNode row = report.path("tables").path(0).path("rows").valueStream().filter(r -> "sh01-sales2".equals(r.path("userId").asString()))
                .findFirst().orElseThrow();
        assertThat(row.path("unitsTarget").asLong()).isEqualTo(3);
        assertThat(new java.math.BigDecimal(row.path("subscribedTarget").asString())).isEqualByComparingTo("9000000.50");
        assertThat(result.path("targets").path("cells").path(result.path("targets").path("unitsTargetColumn").asInt()).asString()).isEqualTo("3");
    }

    private static JsonNode scenario(String what, List<String> script, Map<String, String> environment) throws IOException, InterruptedException {
        System.out.println("browser: " + what);
        return BrowserCheck.run(ROOT, script, office.gatewayUrl(), DemoData.PASSWORD, environment);
    }

    @Test
    @Order(50)
    @DisplayName("R-CUS-2 R-CUS-5 R-CUS-7 R-CUS-8 R-CUS-9 R-CUS-10 R-CUS-11 R-CUS-12 R-CUS-13 R-OPS-3 R-OPS-5 R-SEC-3 the archive's screens hold what the API holds: an import with a bad row shows that row and imports nothing, the right file imports; the export is audited; a lunar leap-month birthday saved in the browser is what the API returns; the ID number masked and revealed; a withdrawn consent shows and the API agrees; a complaint resolved, a survey, a referral's reward approved, an invitation, a question answered, a market note and an incident; the deal archive and the key persons, the demo's among them; none wider than 390 px")
    void theArchiveScreensShowWhatTheApiHolds() throws Exception {
        JsonNode result = scenario("the archive's care, personal data, feedback and site operations", List.of("archive.mjs", "archive"),
                Map.of("ANCHANG_OUT", screenshots().toString()));
        String manager = TheOffice.manager(SITE);
        String customers = "/api/customers/sites/" + SITE;
        String first = result.path("customers").path("first").asString();
        List<String> numbers = result.path("customers").path("numbers").valueStream().map(JsonNode::asString).toList();
        result.path("widths").properties().forEach(width -> assertThat(width.getValue().asInt()).as(width.getKey()).isLessThanOrEqualTo(390));

        // R-CUS-2: the file with a bad row showed that row, and imported nothing; the right one did
        assertThat(result.path("importRows").valueStream().map(row -> row.path("row").asInt())).containsExactly(4);
        assertThat(result.path("importRows").path(0).path("text").asString()).contains("登记日期");
        assertThat(api(customers + "/archive?archiveNo=" + numbers.get(2), manager).path("total").asInt()).isZero();
        assertThat(api(customers + "/imports", manager).size()).as("only the right file is an import").isEqualTo(result.path("importsBefore").asInt() + 1);
        assertThat(api(customers + "/imports/" + result.path("importId").asString(), manager).path("imported").asInt()).isEqualTo(2);
        // R-CUS-13: the export is on the audit trail, with phones masked
        assertThat(result.path("exported").path("hasImported").asBoolean()).isTrue();
        assertThat(result.path("exported").path("fullPhone").asBoolean()).as("a whole phone number in the export").isFalse();
        assertThat(result.path("exported").path("maskedPhone").asBoolean()).as("the imported phone, masked, in the export").isTrue();
        assertThat(api(customers + "/audit?limit=200", manager).valueStream()
                .filter(entry -> "customer.archive-exported".equals(entry.path("action").asString()) && "sh01-manager".equals(entry.path("actor").asString())))
                .isNotEmpty();

        // R-CUS-8: a 30 February never left the browser; the leap month 2021 lacks was the server's refusal; 1984's is saved
        assertThat(result.path("care").path("puts").asInt()).isEqualTo(2);
        assertThat(result.path("care").path("lunarRefused").asString()).contains("农历", "2021");
        JsonNode spouse = api(customers + "/customers/" + first + "/care", manager).path("people").path(0);
        assertThat(spouse.path("relation").asString()).isEqualTo("SPOUSE");
        assertThat(spouse.path("birthday").path("calendar").asString()).isEqualTo("LUNAR");
        assertThat(List.of(spouse.path("birthday").path("year").asInt(), spouse.path("birthday").path("month").asInt(),
                spouse.path("birthday").path("day").asInt())).containsExactly(1984, 10, 3);
        assertThat(spouse.path("birthday").path("leapMonth").asBoolean()).isTrue();
        assertThat(result.path("care").path("shown").asString()).contains("农历", "闰", "初三");

        // R-CUS-13, R-SEC-3: the ID number checked by the server, shown masked, revealed whole; consent withdrawn
        JsonNode personal = api(customers + "/customers/" + first + "/personal-data", manager);
        assertThat(result.path("id").path("refused").asString()).contains("校验位");
        assertThat(personal.path("idNumber").asString()).isEqualTo(result.path("id").path("masked").asString()).isEqualTo("110***********002X");
        assertThat(result.path("id").path("revealed").asString()).isEqualTo("11010519491231002X");
        assertThat(personal.path("contactAllowed").asBoolean()).isFalse();
        assertThat(personal.path("contact").path("given").asBoolean()).isFalse();
        assertThat(result.path("surveyRefused").asString()).as("R-CUS-13 no survey of a customer who withdrew").isNotBlank();
        assertThat(result.path("inviteRefused").asString()).as("R-CUS-13 no invitation either").isNotBlank();

        // R-CUS-9, R-CUS-10, R-CUS-11, R-CUS-12, R-CUS-5
        JsonNode feedback = api(customers + "/feedback/" + result.path("feedbackId").asString(), manager);
        assertThat(feedback.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(feedback.path("channel").asString()).isEqualTo("LETTER");
        assertThat(feedback.path("resolution").asString()).isEqualTo(result.path("resolution").asString());
        assertThat(api(customers + "/surveys?customer=" + numbers.get(0), manager).size()).isZero();
        assertThat(api(customers + "/surveys?customer=" + numbers.get(1), manager).path(0).path("scores").path("SERVICE").asInt()).isEqualTo(4);
        JsonNode guests = api(customers + "/occasions/" + result.path("occasionId").asString(), manager).path("guests");
        assertThat(guests.valueStream().map(g -> g.path("archiveNo").asString() + ":" + g.path("state").asString())).containsExactly(numbers.get(1) + ":INVITED");
        assertThat(api(customers + "/referrals?customer=" + numbers.get(0), manager).path(0).path("reward").path("state").asString()).isEqualTo("APPROVED");
        assertThat(api(customers + "/questions?open=false&customer=" + first, manager).path(0).path("answer").asString())
                .isEqualTo(result.path("answer").asString());

        // R-OPS-5, R-OPS-3
        assertThat(api("/api/reception/sites/" + SITE + "/market-notes", manager).valueStream().map(n -> n.path("title").asString()))
                .contains(result.path("noteTitle").asString());
        assertThat(api("/api/reception/sites/" + SITE + "/incidents", manager).valueStream()
                .filter(i -> result.path("incidentId").asString().equals(i.path("id").asString())).map(i -> i.path("status").asString()))
                .containsExactly("CLOSED");
        // R-CUS-7, R-CUS-12: the deal archive's first page and the key persons showed the rows the API holds (the scenario
        // compared them); the demo's key person, 冯先生 of the 浦东外贸商会, among them
        assertThat(result.path("managerCustomerTabs").valueStream().map(JsonNode::asString)).contains("dealArchive", "connections");
        assertThat(result.path("dealArchive").path("heading").asString()).startsWith("成交客户档案");
        assertThat(result.path("dealArchive").path("total").asInt()).isEqualTo(api(customers + "/deal-archive", manager).path("total").asInt());
        assertThat(result.path("connections").path("heading").asString()).startsWith("核心人物");
        assertThat(result.path("connections").path("shown").valueStream().map(JsonNode::asString)).contains("BJ-2024-0031");
        // the rep saw none of the MANAGER's screens
        assertThat(result.path("repTabs").valueStream().map(JsonNode::asString)).doesNotContain("import").contains("feedback", "referrals");
    }

    private static JsonNode api(String path, String token) {
        return json(gateway.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk());
    }

    private static JsonNode scenario(String what, String name, Map<String, String> environment) throws IOException, InterruptedException {
        System.out.println("browser: " + what);
        return BrowserCheck.run(ROOT, name, office.gatewayUrl(), DemoData.PASSWORD, environment);
    }

    private static Path screenshots() throws IOException {
        String configured = System.getProperty("anchang.screenshots", "");
        Path folder = configured.isBlank() ? ROOT.resolve("system-tests/target/screenshots") : ROOT.resolve(configured);
        return Files.createDirectories(folder.toAbsolutePath().normalize());
    }

    private static List<String> menu(List<JsonNode> pages, String role) {
        return pages.stream().filter(page -> page.path("role").asString().equals(role)).findFirst().orElseThrow()
                .path("menu").valueStream().map(JsonNode::asString).toList();
    }

    private static List<JsonNode> visitsNamed(String name) {
        JsonNode register = json(gateway.get().uri("/api/reception/sites/{site}/visits", SITE)
                .headers(h -> h.setBearerAuth(TheOffice.manager(SITE))).exchange().expectStatus().isOk());
        return register.valueStream().filter(visit -> name.equals(visit.path("customerName").asString())).toList();
    }

    private static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JSON.readTree(body == null ? new byte[0] : body);
    }
}
