package io.anchang.reporting;

import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.events.customer.CustomerRegistered;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.platform.events.deal.BigDepositSigned;
import io.anchang.platform.events.deal.BuildingRegistered;
import io.anchang.platform.events.deal.ContractSigned;
import io.anchang.platform.events.deal.Refunded;
import io.anchang.platform.events.deal.CreditRecorded;
import io.anchang.platform.events.deal.DepositRequested;
import io.anchang.platform.events.deal.SmallDepositTaken;
import io.anchang.platform.events.deal.UnitAdded;
import io.anchang.platform.events.deal.UnitChanged;
import io.anchang.platform.events.deal.UnitHeld;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.events.deal.UnitReserved;
import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.events.finance.PaymentRecorded;
import io.anchang.platform.events.finance.ReceiptReversed;
import io.anchang.platform.events.finance.ReceiptVoided;
import io.anchang.platform.events.finance.RefundDueOpened;
import io.anchang.platform.events.finance.RefundPaid;
import io.anchang.platform.events.finance.VoucherReversed;
import io.anchang.platform.events.finance.VoucherVoided;
import io.anchang.platform.events.reception.CallRegistered;
import io.anchang.platform.events.reception.CustomerLeft;
import io.anchang.platform.events.reception.CustomerSeenOff;
import io.anchang.platform.events.reception.SiteProfileChanged;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.events.reception.VisitServed;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TestIssuer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The policy's forms (R-RPT-1..7) from real events on the embedded Kafka broker, read from the
 * read models in the MongoDB stand-in through the HTTP API with test tokens: every number of
 * each form, duplicates counted once, the site's calendar, downloads read back, who may read
 * what, bad input, and a rebuild by replay that comes out the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsIntegrationTest {

    static final String DATABASE = "reports-it";
    static final String BASE = "/api/reports";
    static final TestIssuer ISSUER = TestIssuer.shared();
    static final String SITE = "RP01";
    static final String OTHER = "RP02";
    static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    static final String REP1 = "RP01-rep1";
    static final String REP2 = "RP01-rep2";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, DATABASE);
    }

    @Autowired
    WebTestClient web;

    /** 10:00 Shanghai on {@link #DAY} plus {@code minutes}. */
    static Instant at(int minutes) {
        return Instant.parse("2026-11-25T02:00:00Z").plusSeconds(minutes * 60L);
    }

    static final UUID VISIT_3 = UUID.randomUUID();
    static final UUID BIG_DEPOSIT = UUID.randomUUID();
    static final UUID SECOND_CONFIRMATION = UUID.randomUUID();
    static final UUID CALL_1 = UUID.randomUUID();
    static VisitRegistered visit3;
    static BigDepositSigned bigDeposit;
    static DepositConfirmed secondConfirmation;
    static CallRegistered call1;

    @BeforeAll
    static void theOffice() {
        site(SITE, "滨江测试案场", "Asia/Shanghai", List.of(new StaffMember("mgr-RP01", "王经理", Role.MANAGER, true),
                new StaffMember(REP1, "张三", Role.SALES, true), new StaffMember(REP2, "李四", Role.SALES, true),
                new StaffMember("RP01-asst", "周助理", Role.ASSISTANT, true), new StaffMember("RP01-fin", "赵会计", Role.FINANCE, true)));
        site(OTHER, "洛杉矶测试案场", "America/Los_Angeles", List.of(new StaffMember("mgr-RP02", "Lee", Role.MANAGER, true),
                new StaffMember("RP02-rep1", "Ann", Role.SALES, true)));

        // the front desk and the archive on DAY (R-RPT-1)
        customer("K1", "孙丽华", "VISIT", REP1, at(0));
        visit("V1", REP1, "K1", at(0));
        attributed("V1", "K1", REP1, ServingRole.RECEIVER, at(0));
        ReportEvents.publish(SITE, "V1", new CustomerSeenOff("V1", SITE, REP1, "K1", at(0), at(30), 1800));
        call1 = new CallRegistered("C1", SITE, "c1", at(60), "139****0001", "钱先生", "K2", REP2, false, null);
        ReportEvents.publish(CALL_1, SITE, "C1", call1);
        customer("K2", "钱先生", "CALL", REP2, at(60));
        attributed("C1", "K2", REP2, ServingRole.CALL, at(60));
        ReportEvents.publish(SITE, "C2", new CallRegistered("C2", SITE, "c2", at(120), "139****0002", null, null, REP1, false, null));
        visit("V2", null, "K2", at(180));
        ReportEvents.publish(SITE, "V2", new VisitServed("V2", SITE, "K2", REP2, false, true, 300, at(185)));
        attributed("V2", "K2", REP2, ServingRole.OWNER, at(180));
        visit3 = new VisitRegistered("V3", SITE, "V3", at(240), "138****5678", "孙丽华", "K1", REP1, false, false, false, "R-ATT-4",
                null, null, "RP01-asst");
        ReportEvents.publish(VISIT_3, SITE, "V3", visit3);
        attributed("V3", "K1", REP1, ServingRole.OWNER, at(240));
        visit("V4", null, null, at(300));
        ReportEvents.publish(SITE, "V4", new CustomerLeft("V4", SITE, DAY, null, "137****0004", null, at(300), at(310), 600, "RP01-asst", null));
        customer("K3", "周女士", "REFERRAL", REP2, at(330));
        visit("V5", REP2, "K3", at(330));
        attributed("V5", "K3", REP2, ServingRole.NAMED, at(330));

        // sales control, deposits, the finance desk (R-RPT-3, R-RPT-5)
        ReportEvents.publish(SITE, "B1", new BuildingRegistered("B1", SITE, "1", "1号楼", "滨江测试", "RP01-control", at(-600)));
        unit("U101", "1-101", "100.00", "3000000.00");
        unit("U102", "1-102", "89.50", "2500000.00");
        unit("U103", "1-103", "120.00", "3600000.00");
        ReportEvents.publish(SITE, "U103", new UnitReserved("U103", SITE, "1-103", "RP01-control", "保留", at(-500)));
        ReportEvents.publish(SITE, "U101", new UnitHeld("U101", SITE, "1-101", "H1", "K1", REP1, "张三", at(30), at(60)));
        ReportEvents.publish(SITE, "U101", new DepositRequested("Q1", SITE, "U101", "1-101", "H1", "K1", "孙丽华", REP1, "张三", "SMALL",
                new BigDecimal("20000.00"), new BigDecimal("2950000.00"), at(60), at(31), at(60)));
        ReportEvents.publish(SITE, "Q1", new DepositConfirmed("Q1", SITE, "U101", "H1", "SMALL", "R-1", new BigDecimal("20000.00"), "CASH",
                null, "RP01-fin", at(40)));
        ReportEvents.publish(SITE, "U101", new SmallDepositTaken("H1", SITE, "U101", "1-101", "K1", REP1, "Q1", "R-1",
                new BigDecimal("20000.00"), new BigDecimal("2950000.00"), DAY.plusDays(7), at(40)));
        secondConfirmation = new DepositConfirmed("Q2", SITE, "U101", "H1", "BIG", "R-2", new BigDecimal("80000.00"), "TRANSFER", "T-1",
                "RP01-fin", at(270));
        ReportEvents.publish(SECOND_CONFIRMATION, SITE, "Q2", secondConfirmation);
        bigDeposit = new BigDepositSigned("H1", SITE, "U101", "1-101", "K1", REP1, new BigDecimal("2950000.00"), new BigDecimal("100000.00"),
                "RG-RP01-2026-000001", at(270));
        ReportEvents.publish(BIG_DEPOSIT, SITE, "U101", bigDeposit);
        ReportEvents.publish(SITE, "U101", new CreditRecorded("H1", SITE, "U101", List.of(
                new CreditRecorded.Share(REP1, new BigDecimal("0.5"), 80), new CreditRecorded.Share(REP2, new BigDecimal("0.5"), 20)),
                "R-ATT-7", false, true, at(270)));
        ReportEvents.publish(SITE, "U102", new UnitHeld("U102", SITE, "1-102", "H2", "K2", REP2, "李四", at(210), at(240)));
        ReportEvents.publish(SITE, "Q3", new DepositConfirmed("Q3", SITE, "U102", "H2", "SMALL", "R-3", new BigDecimal("10000.00"), "CARD",
                null, "RP01-fin", at(220)));
        ReportEvents.publish(SITE, "U102", new SmallDepositTaken("H2", SITE, "U102", "1-102", "K2", REP2, "Q3", "R-3",
                new BigDecimal("10000.00"), new BigDecimal("2500000.00"), DAY.plusDays(7), at(220)));
        ReportEvents.publish(SITE, "U102", new UnitReleased("U102", SITE, "1-102", null, "SMALL_DEPOSIT_LAPSED", "system",
                Instant.parse("2026-12-02T02:00:00Z")));
        ReportEvents.publish(SITE, "F1", new RefundDueOpened("F1", SITE, "Q9", "U103", "R-9", new BigDecimal("5000.00"), "HOLD_GONE", at(360)));

        // the site's calendar: 23:30 and 00:30 Shanghai, Sunday night and Monday morning; 23:30 in Los Angeles
        call("T1", SITE, Instant.parse("2026-11-26T15:30:00Z"), REP1);
        call("T2", SITE, Instant.parse("2026-11-26T16:30:00Z"), REP1);
        call("T3", SITE, Instant.parse("2026-11-29T15:30:00Z"), REP1);
        call("T4", SITE, Instant.parse("2026-11-29T16:30:00Z"), REP1);
        call("T5", OTHER, Instant.parse("2026-11-27T07:30:00Z"), "RP02-rep1");

        // redelivered: the same events again count once
        ReportEvents.publish(VISIT_3, SITE, "V3", visit3);
        ReportEvents.publish(BIG_DEPOSIT, SITE, "U101", bigDeposit);
        ReportEvents.publish(SECOND_CONFIRMATION, SITE, "Q2", secondConfirmation);
        ReportEvents.publish(CALL_1, SITE, "C1", call1);
        // and a record that is not an event goes to the dead-letter topic without stopping anything
        ReportEvents.raw("anchang.reception.v1", "junk", "{not json");
    }

    static boolean projected;

    /** Once the service runs: everything published above has been applied. */
    @BeforeEach
    void projected() {
        if (!projected) {
            ReportEvents.awaitProjected(DATABASE);
            projected = true;
        }
    }

    static void site(String code, String name, String zone, List<StaffMember> staff) {
        ReportEvents.publish(code, code, new SiteProfileChanged(new SiteProfile(code, name, zone, 1, staff, List.of()), "REGISTERED"));
    }

    static void customer(String id, String name, String source, String owner, Instant at) {
        ReportEvents.publish(SITE, id, new CustomerRegistered(id, SITE, "A-" + id, name, "138****5678", source, owner, at));
    }

    static void visit(String id, String servedBy, String customer, Instant at) {
        ReportEvents.publish(SITE, id, new VisitRegistered(id, SITE, id, at, "138****5678", "客户", customer, servedBy,
                servedBy != null, servedBy == null, false, null, null, null, "RP01-asst"));
    }

    static void attributed(String visit, String customer, String servedBy, ServingRole role, Instant at) {
        ReportEvents.publish(SITE, customer, new VisitAttributed(visit, SITE, customer, "A-" + customer, "138****5678", servedBy, role,
                role != ServingRole.CALL, servedBy, null, "R-ATT-1", "规则", List.of(), null, at));
    }

    static void unit(String id, String label, String area, String price) {
        ReportEvents.publish(SITE, id, new UnitAdded(id, SITE, label, "1", label.substring(2), 1, "三室两厅", new BigDecimal(area),
                new BigDecimal(price), "南", "A", "HAND", null, 1, "RP01-control", at(-590)));
    }

    static void call(String id, String site, Instant at, String rep) {
        ReportEvents.publish(site, id, new CallRegistered(id, site, id, at, null, null, null, rep, false, null));
    }

    static String manager() {
        return ISSUER.token("mgr-RP01", "MANAGER", SITE);
    }

    static String headOffice() {
        return ISSUER.token("hq-1", "HEAD_OFFICE");
    }

    JsonNode get(String path, String token) {
        byte[] body = web.get().uri(BASE + path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return ReportEvents.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
    }

    static JsonNode table(JsonNode report, String key) {
        return StreamSupport.stream(report.path("tables").spliterator(), false).filter(t -> t.path("key").asString().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no table " + key + " in " + report));
    }

    static JsonNode row(JsonNode table, String field, String value) {
        return StreamSupport.stream(table.path("rows").spliterator(), false).filter(r -> r.path(field).asString().equals(value))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + field + "=" + value + " in " + table.path("rows")));
    }

    static void numbers(JsonNode row, Object... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            Object expected = keysAndValues[i + 1];
            JsonNode actual = row.path(key);
            if (expected == null) {
                assertThat(actual.isNull() || actual.isMissingNode()).as(key + " in " + row).isTrue();
            } else {
                assertThat(actual.decimalValue()).as(key + " in " + row).isEqualByComparingTo(new BigDecimal(expected.toString()));
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("R-RPT-1 来人来电统计表: every number per rep and in total; a redelivered visit, call and deposit count once")
    void theDailyStatistics() {
        JsonNode report = get("/sites/RP01/forms/daily?day=2026-11-25", manager());
        assertThat(report.path("title").asString()).isEqualTo("来人来电统计表");
        JsonNode byRep = table(report, "byRep");
        numbers(row(byRep, "rep", "张三"), "calls", 1, "visits", 2, "firstVisits", 1, "returnVisits", 1, "newCustomers", 1, "holds", 1,
                "smallDeposits", 1, "bigDeposits", 1, "contracts", 0, "subscribedAmount", "2950000.00", "receptions", 1,
                "avgReceptionMinutes", "30.0");
        numbers(row(byRep, "rep", "李四"), "calls", 1, "visits", 2, "firstVisits", 2, "returnVisits", 0, "newCustomers", 2, "holds", 1,
                "smallDeposits", 1, "bigDeposits", 0, "contracts", 0, "subscribedAmount", "0.00", "receptions", 0, "avgReceptionMinutes", null);
        numbers(row(byRep, "rep", "未接待（排队中或离开）"), "visits", 1, "firstVisits", 0, "returnVisits", 0);
        numbers(byRep.path("total"), "calls", 2, "visits", 5, "firstVisits", 3, "returnVisits", 1, "newCustomers", 3, "holds", 2,
                "smallDeposits", 2, "bigDeposits", 1, "contracts", 0, "subscribedAmount", "2950000.00");
        assertThat(report.path("notes").get(0).asString()).contains("离开未接待 1 组").contains("待识别 1");
        assertThat(report.path("sheetsRead").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    @DisplayName("R-RPT-1 periods are the site's calendar: 23:30 Shanghai counts on that Shanghai day, 00:30 on the next; 23:30 in Los Angeles on that Los Angeles day")
    void theSitesCalendar() {
        numbers(table(get("/sites/RP01/forms/daily?day=2026-11-26", manager()), "byRep").path("total"), "calls", 1);
        numbers(table(get("/sites/RP01/forms/daily?day=2026-11-27", manager()), "byRep").path("total"), "calls", 1);
        numbers(table(get("/sites/RP02/forms/daily?day=2026-11-26", headOffice()), "byRep").path("total"), "calls", 1);
        numbers(table(get("/sites/RP02/forms/daily?day=2026-11-27", headOffice()), "byRep").path("total"), "calls", 0);
        // Sunday 23:30 belongs to its week; Monday 00:30 to the next (R-RPT-2: Monday to Sunday)
        numbers(table(get("/sites/RP01/forms/analysis?period=WEEK&date=2026-11-29", manager()), "byRep").path("total"), "calls", 5);
        numbers(table(get("/sites/RP01/forms/analysis?period=WEEK&date=2026-11-30", manager()), "byRep").path("total"), "calls", 1);
    }

    @Test
    @Order(3)
    @DisplayName("R-RPT-2 周来人来电统计成交状况分析表: by rep and by source, the funnel visit → small → big → contract, and the change against last week")
    void theWeeklyAnalysis() {
        JsonNode report = get("/sites/RP01/forms/analysis?period=WEEK&date=2026-11-25", manager());
        assertThat(report.path("title").asString()).isEqualTo("周来人来电统计成交状况分析表");
        assertThat(report.path("from").asString()).isEqualTo("2026-11-23");
        assertThat(report.path("to").asString()).isEqualTo("2026-11-29");
        JsonNode byRep = table(report, "byRep");
        numbers(row(byRep, "rep", "张三"), "calls", 4, "visits", 2, "firstVisits", 1, "returnVisits", 1, "smallDeposits", 1, "bigDeposits", 1,
                "visitToSmall", "0.5", "visitToBig", "0.5", "bigToContract", "0");
        numbers(row(byRep, "rep", "李四"), "calls", 1, "visits", 2, "firstVisits", 2, "smallDeposits", 1, "bigDeposits", 0, "visitToBig", "0",
                "bigToContract", null);
        JsonNode bySource = table(report, "bySource");
        numbers(row(bySource, "source", "自然来访"), "visits", 2, "firstVisits", 1, "returnVisits", 1, "newCustomers", 1, "smallDeposits", 1,
                "bigDeposits", 1, "subscribedAmount", "2950000.00");
        numbers(row(bySource, "source", "来电"), "calls", 1, "visits", 1, "firstVisits", 1, "newCustomers", 1, "smallDeposits", 1, "bigDeposits", 0);
        numbers(row(bySource, "source", "老带新"), "visits", 1, "firstVisits", 1, "newCustomers", 1);
        numbers(row(bySource, "source", "未知"), "calls", 4, "visits", 1);
        JsonNode funnel = table(report, "funnel");
        numbers(row(funnel, "stage", "来访"), "count", 5, "fromPrevious", null, "fromVisits", 1, "previous", 0, "change", 5, "changeRate", null);
        numbers(row(funnel, "stage", "小订"), "count", 2, "fromPrevious", "0.4", "fromVisits", "0.4");
        numbers(row(funnel, "stage", "大订"), "count", 1, "fromPrevious", "0.5", "fromVisits", "0.2");
        numbers(row(funnel, "stage", "签约"), "count", 0, "fromPrevious", 0, "fromVisits", 0);
        JsonNode change = table(report, "change");
        numbers(row(change, "key", "collected"), "current", "110000.00", "previous", "0.00", "change", "110000.00", "changeRate", null);
        numbers(row(change, "key", "cancelled"), "current", 0);

        JsonNode month = get("/sites/RP01/forms/analysis?period=MONTH&date=2026-11-01", manager());
        assertThat(month.path("title").asString()).isEqualTo("月来人来电统计成交状况分析表");
        numbers(table(month, "byRep").path("total"), "calls", 6, "visits", 5, "bigDeposits", 1);
        JsonNode range = get("/sites/RP01/forms/analysis?from=2026-11-24&to=2026-11-26", manager());
        assertThat(range.path("title").asString()).isEqualTo("来人来电统计成交状况分析表");
        numbers(table(range, "byRep").path("total"), "calls", 3, "visits", 5);
    }

    @Test
    @Order(4)
    @DisplayName("R-RPT-3 小订明细表, 大订明细表, 签约明细表: each deal once, current after its last event; phones masked")
    void theRegisters() {
        JsonNode small = get("/sites/RP01/registers/small-deposits?from=2026-11-01&to=2026-11-30", ISSUER.token("RP01-asst", "ASSISTANT", SITE));
        assertThat(small.path("title").asString()).isEqualTo("小订明细表");
        assertThat(small.path("paging").path("totalRows").asInt()).isEqualTo(2);
        JsonNode rows = table(small, "rows");
        JsonNode first = row(rows, "unit", "1-101");
        assertThat(first.path("customer").asString()).isEqualTo("孙丽华");
        assertThat(first.path("phone").asString()).isEqualTo("138****5678");
        assertThat(first.path("status").asString()).isEqualTo("已转大订");
        assertThat(first.path("day").asString()).isEqualTo("2026-11-25");
        numbers(first, "no", 1, "amount", "20000.00", "price", "2950000.00", "area", "100.00");
        JsonNode lapsed = row(rows, "unit", "1-102");
        assertThat(lapsed.path("status").asString()).isEqualTo("小订失效");
        assertThat(lapsed.path("rep").asString()).isEqualTo("李四");

        JsonNode big = table(get("/sites/RP01/registers/big-deposits?from=2026-11-01&to=2026-11-30", manager()), "rows");
        assertThat(big.path("rows")).hasSize(1);
        JsonNode deal = big.path("rows").get(0);
        numbers(deal, "price", "2950000.00", "unitPrice", "29500.00", "deposit", "100000.00");
        assertThat(deal.path("agreementNo").asString()).isEqualTo("RG-RP01-2026-000001");
        assertThat(deal.path("source").asString()).isEqualTo("自然来访");
        assertThat(deal.path("credit").asString()).isEqualTo("张三 0.5套/奖金80%，李四 0.5套/奖金20%（暂定）");

        JsonNode contracts = get("/sites/RP01/registers/contracts?from=2026-11-01&to=2026-11-30", manager());
        assertThat(contracts.path("title").asString()).isEqualTo("签约明细表");
        assertThat(contracts.path("paging").path("totalRows").asInt()).isZero();

        // R-SEC-3: head office reads the registers with names masked
        JsonNode masked = table(get("/sites/RP01/registers/small-deposits?from=2026-11-01&to=2026-11-30", headOffice()), "rows");
        assertThat(row(masked, "unit", "1-101").path("customer").asString()).isEqualTo("孙**");
    }

    @Test
    @Order(5)
    @DisplayName("R-RPT-3 销售统计表: the stock per building as it stands now, sell-through, sold area and amount, average price per m²")
    void theSalesStatistics() {
        JsonNode report = get("/sites/RP01/forms/sales?period=MONTH&date=2026-11-25", manager());
        assertThat(report.path("title").asString()).isEqualTo("销售统计表");
        JsonNode building = row(table(report, "byBuilding"), "building", "1号楼");
        numbers(building, "units", 3, "available", 1, "held", 0, "reserved", 1, "smallDeposit", 0, "bigDeposit", 1, "sold", 1,
                "sellThrough", "0.5", "area", "309.50", "soldArea", "100.00", "soldAmount", "2950000.00", "averagePrice", "29500.00",
                "periodBigDeposits", 1, "periodSubscribed", "2950000.00");
    }

    @Test
    @Order(6)
    @DisplayName("money and targets: the MANAGER sets the month's targets (audited); achieved against them per rep and site, collections, average price")
    void targetsAndMoney() {
        web.put().uri(BASE + "/sites/RP01/targets/2026-11").headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("siteTargets", object("units", 10, "subscribed", "30000000.00", "collected", "1000000"),
                        "reps", list(object("userId", REP1, "units", 5, "subscribed", "15000000.00"), object("userId", REP2, "units", 5))))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.siteTargets.subscribed").isEqualTo("30000000.00");
        JsonNode report = get("/sites/RP01/forms/targets?month=2026-11", manager());
        assertThat(report.path("title").asString()).isEqualTo("销售目标完成情况表");
        JsonNode byRep = table(report, "byRep");
        numbers(row(byRep, "rep", "张三"), "unitsTarget", 5, "units", 1, "unitsRate", "0.2", "subscribedTarget", "15000000.00",
                "subscribed", "2950000.00", "subscribedRate", "0.1967", "collected", "100000.00", "collectedTarget", null);
        numbers(row(byRep, "rep", "李四"), "unitsTarget", 5, "units", 0, "unitsRate", 0, "collected", "10000.00");
        numbers(byRep.path("total"), "unitsTarget", 10, "units", 1, "unitsRate", "0.1", "subscribedRate", "0.0983",
                "collectedTarget", "1000000.00", "collected", "110000.00", "collectedRate", "0.11");
        JsonNode money = table(report, "money");
        numbers(row(money, "item", "认购均价（元/㎡）"), "value", "29500.00");
        numbers(row(money, "item", "应退款（元）"), "value", "5000.00");

        // targets are checked: a rep of another site, an amount beyond bounds, a role that is not MANAGER
        web.put().uri(BASE + "/sites/RP01/targets/2026-11").headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("reps", list(object("userId", "RP02-rep1", "units", 1)))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:rep-unknown");
        web.put().uri(BASE + "/sites/RP01/targets/2026-11").headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("siteTargets", object("subscribed", "1e40"))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:target-invalid");
        web.put().uri(BASE + "/sites/RP01/targets/2026-11").headers(h -> h.setBearerAuth(ISSUER.token(REP1, "SALES", SITE)))
                .bodyValue(object("siteTargets", object("units", 1))).exchange().expectStatus().isForbidden();
        // the setting is on the site's audit trail
        web.get().uri(BASE + "/sites/RP01/audit").headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk()
                .expectBody(String.class).value(trail -> assertThat(trail).contains("reporting.targets-set").contains("30000000.00"));
    }

    @Test
    @Order(7)
    @DisplayName("R-RPT-5 业绩及奖金分成表: each rep's provisional credit and bonus shares with the amounts; nothing final or reversed before a contract")
    void theBonusReport() {
        JsonNode report = get("/sites/RP01/forms/bonus?period=MONTH&date=2026-11-25", manager());
        assertThat(report.path("title").asString()).isEqualTo("业绩及奖金分成表");
        JsonNode byRep = table(report, "byRep");
        numbers(row(byRep, "rep", "张三"), "provisionalDeals", 1, "provisionalCredit", "0.5", "provisionalAmount", "1475000.00",
                "provisionalBonusBase", "2360000.00", "finalDeals", 0, "reversedDeals", 0);
        numbers(row(byRep, "rep", "李四"), "provisionalDeals", 1, "provisionalCredit", "0.5", "provisionalAmount", "1475000.00",
                "provisionalBonusBase", "590000.00");
        numbers(byRep.path("total"), "provisionalDeals", 2, "provisionalCredit", 1, "provisionalAmount", "2950000.00",
                "provisionalBonusBase", "2950000.00", "finalCredit", 0, "reversedCredit", 0);
        numbers(table(report, "house").path("rows").get(0), "provisionalDeals", 0);
        JsonNode details = table(report, "details");
        assertThat(details.path("rows")).hasSize(2);
        assertThat(row(details, "rep", "张三").path("state").asString()).isEqualTo("暂定");
        numbers(row(details, "rep", "李四"), "credit", "0.5", "bonusPercent", 20, "amount", "1475000.00", "bonusBase", "590000.00");
    }

    @Test
    @Order(8)
    @DisplayName("R-RPT-4 每周销售综合分析表 and 业务综合周报: the week per rep against the month's targets, day by day, last week, the stock")
    void theManagersWeeklyReports() {
        JsonNode sales = get("/sites/RP01/forms/weekly-sales?date=2026-11-25", manager());
        assertThat(sales.path("title").asString()).isEqualTo("每周销售综合分析表");
        numbers(row(table(sales, "byRep"), "rep", "张三"), "visits", 2, "calls", 4, "holds", 1, "bigDeposits", 1, "collected", "100000.00",
                "visitToBig", "0.5", "monthBigDeposits", 1, "monthTarget", 5, "monthProgress", "0.2");
        assertThat(table(sales, "bigDeposits").path("rows")).hasSize(1);
        numbers(row(table(sales, "stock"), "building", "1号楼"), "sold", 1, "periodBigDeposits", 1);

        JsonNode business = get("/sites/RP01/forms/weekly-business?date=2026-11-25", manager());
        assertThat(business.path("title").asString()).isEqualTo("业务综合周报");
        JsonNode visits = row(table(business, "daily"), "key", "visits");
        numbers(visits, "d1", 0, "d2", 0, "d3", 5, "d4", 0, "week", 5, "previous", 0);
        numbers(row(table(business, "daily"), "key", "calls"), "d3", 2, "d4", 1, "d5", 1, "d7", 1, "week", 5);
        numbers(row(table(business, "progress"), "item", "认购套数"), "target", 10, "achieved", 1, "rate", "0.1");
    }

    @Test
    @Order(9)
    @DisplayName("R-RPT-6 head office: every site side by side, ranked, in total; a site's MANAGER sees only their own site there")
    void headOfficeAcrossSites() {
        JsonNode report = get("/head-office?period=MONTH&date=2026-11-15", headOffice());
        assertThat(report.path("title").asString()).isEqualTo("集团各案场销售汇总表");
        JsonNode sites = table(report, "sites");
        JsonNode rp01 = row(sites, "site", SITE);
        numbers(rp01, "rank", 1, "calls", 6, "visits", 5, "bigDeposits", 1, "subscribedAmount", "2950000.00", "collected", "110000.00",
                "sellThrough", "0.5", "subscribedTarget", "30000000.00", "targetRate", "0.0983");
        numbers(row(sites, "site", OTHER), "calls", 1, "visits", 0);
        assertThat(row(sites, "site", OTHER).path("rank").asInt()).isGreaterThan(1);
        BigDecimal calls = BigDecimal.ZERO;
        for (JsonNode site : sites.path("rows")) {
            calls = calls.add(site.path("calls").decimalValue());
        }
        numbers(sites.path("total"), "calls", calls);

        JsonNode own = get("/head-office?period=MONTH&date=2026-11-15", manager());
        assertThat(table(own, "sites").path("rows")).extracting(r -> r.path("site").asString()).containsExactly(SITE);

        JsonNode trends = get("/head-office/trends?unit=WEEK&count=4&date=2026-11-30&measure=calls", headOffice());
        JsonNode trend = row(table(trends, "trend"), "site", SITE);
        numbers(trend, "p1", 0, "p2", 0, "p3", 5, "p4", 1);
    }

    @Test
    @Order(10)
    @DisplayName("R-RPT-7 the workbook read back: the form's Chinese title, a frozen header, numbers and money as numeric cells, dates as dates")
    void theWorkbook() throws Exception {
        byte[] xlsx = web.get().uri(BASE + "/sites/RP01/forms/daily?day=2026-11-25&format=xlsx").headers(h -> h.setBearerAuth(manager()))
                .exchange().expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectHeader().value("Content-Disposition", d -> assertThat(d).contains("attachment").contains("filename*=UTF-8''")
                        .contains("%E6%9D%A5%E4%BA%BA")) // 来人
                .expectBody().returnResult().getResponseBody();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("来人来电统计表");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 3);
            Row header = sheet.getRow(2);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("置业顾问");
            assertThat(header.getCell(1).getStringCellValue()).isEqualTo("来电");
            Row zhang = StreamSupport.stream(sheet.spliterator(), false).filter(r -> r.getCell(0) != null
                    && r.getCell(0).getCellType() == CellType.STRING && "张三".equals(r.getCell(0).getStringCellValue())).findFirst().orElseThrow();
            Cell calls = zhang.getCell(1);
            assertThat(calls.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(calls.getNumericCellValue()).isEqualTo(1.0);
            Cell subscribed = zhang.getCell(column(header, "认购金额（元）"));
            assertThat(subscribed.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(subscribed.getNumericCellValue()).isEqualTo(2_950_000.0);
            assertThat(subscribed.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
        }

        byte[] register = web.get().uri(BASE + "/sites/RP01/registers/small-deposits?from=2026-11-01&to=2026-11-30&format=xlsx")
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(register))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("小订明细表");
            Row header = sheet.getRow(2);
            Row first = sheet.getRow(3);
            Cell day = first.getCell(column(header, "日期"));
            assertThat(day.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(day)).isTrue();
            assertThat(day.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(DAY);
            assertThat(first.getCell(column(header, "小订金额（元）")).getNumericCellValue()).isEqualTo(20_000.0);
            assertThat(first.getCell(column(header, "电话")).getStringCellValue()).isEqualTo("138****5678");
        }
    }

    @Test
    @Order(11)
    @DisplayName("R-RPT-7 the CSV opens in Excel with the Chinese intact: UTF-8 with a byte-order mark, the form's title, the numbers")
    void theCsv() {
        byte[] csv = web.get().uri(BASE + "/sites/RP01/forms/daily?day=2026-11-25&format=csv").headers(h -> h.setBearerAuth(manager()))
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody().returnResult().getResponseBody();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("来人来电统计表");
        assertThat(text).contains("置业顾问,来电,来访（组）,首访,复访").contains("\r\n");
        assertThat(text.lines().filter(l -> l.startsWith("张三,")).findFirst().orElseThrow())
                .startsWith("张三,1,2,1,1,1,1,1,1,0,2950000.00,1,30.0");
        assertThat(text.lines().filter(l -> l.startsWith("合计,")).findFirst().orElseThrow()).startsWith("合计,2,5,3,1,3,2,2,1,0,2950000.00");
    }

    @Test
    @Order(12)
    @DisplayName("R-SEC-1 R-RPT-6 another site's MANAGER gets 403 on the site's forms; a rep is not given the manager's reports; head office reads every site")
    void whoReadsWhat() {
        web.get().uri(BASE + "/sites/RP01/forms/daily?day=2026-11-25").headers(h -> h.setBearerAuth(ISSUER.token("mgr-RP02", "MANAGER", OTHER)))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        web.get().uri(BASE + "/head-office").headers(h -> h.setBearerAuth(ISSUER.token("mgr-RP02", "MANAGER", OTHER))).exchange()
                .expectStatus().isOk().expectBody(String.class).value(body -> assertThat(body).doesNotContain("\"RP01\""));
        web.get().uri(BASE + "/sites/RP01/forms/daily").headers(h -> h.setBearerAuth(ISSUER.token(REP1, "SALES", SITE))).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:role-required");
        web.get().uri(BASE + "/sites/RP01/forms/bonus").headers(h -> h.setBearerAuth(ISSUER.token("RP01-asst", "ASSISTANT", SITE))).exchange()
                .expectStatus().isForbidden();
        web.get().uri(BASE + "/head-office").headers(h -> h.setBearerAuth(ISSUER.token(REP1, "SALES", SITE))).exchange()
                .expectStatus().isForbidden();
        get("/sites/RP01/forms/weekly-business", headOffice());
    }

    @Test
    @Order(13)
    @DisplayName("R-RPT-7 R-SEC-1 bad input is a clear problem detail, as JSON or as a download: a period ending before it starts, the year 10000, an unknown site, a site not the user's, a page size of a million")
    void badInput() {
        problem("/sites/RP01/forms/analysis?from=2026-11-30&to=2026-11-01", manager(), 400, "period-invalid");
        problem("/sites/RP01/forms/daily?day=10000-01-01", manager(), 400, "date-invalid");
        web.get().uri(b -> b.path(BASE + "/sites/RP01/forms/daily").queryParam("day", "{day}").build("+10000-01-01"))
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:date-out-of-range");
        problem("/sites/RP01/forms/analysis?from=2026-01-01&to=2027-06-30", manager(), 400, "period-too-long");
        // one end of the period left empty is a period half given, not a server error (found by the fuzz: 500 before)
        problem("/sites/RP01/forms/sales?from=2026-11-01&to=", manager(), 400, "period-incomplete");
        problem("/sites/RP01/forms/sales?from=&to=2026-11-30", manager(), 400, "period-incomplete");
        problem("/sites/ZZ99/forms/daily", headOffice(), 404, "site-unknown");
        problem("/sites/RP01/registers/small-deposits?size=1000000", manager(), 400, "page-size-invalid");
        problem("/sites/RP01/forms/daily?format=pdf", manager(), 400, "format-invalid");
        problem("/sites/RP01/forms/analysis?period=YEAR", manager(), 400, "period-kind-invalid");
        problem("/head-office/trends?count=1000", headOffice(), 400, "trend-length-invalid");
        problem("/sites/RP01/targets/2026-13", manager(), 400, "month-invalid");
        // the same mistakes asked as a download are a problem detail too, never a broken file
        problem("/sites/RP01/forms/analysis?from=2026-11-30&to=2026-11-01&format=xlsx", manager(), 400, "period-invalid");
        problem("/sites/RP01/registers/contracts?size=1000000&format=csv", manager(), 400, "page-size-invalid");
        problem("/head-office?period=MONTH&date=10000-01-01&format=xlsx", headOffice(), 400, "date-invalid");
        problem("/sites/RP01/registers/small-deposits?size=-1", manager(), 400, "page-size-invalid");
        // a site the user does not belong to
        problem("/sites/RP01/forms/daily?day=2026-11-25", ISSUER.token("mgr-RP02", "MANAGER", OTHER), 403, "site-access-denied");
    }

    private void problem(String path, String token, int status, String type) {
        web.get().uri(BASE + path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:" + type)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).matches("^[^A-Za-z(]+.*"));
    }

    @Test
    @Order(14)
    @DisplayName("a record that is not an event goes to the dead-letter topic, saying why, and the projection moves on past it")
    void aMalformedRecordIsDeadLettered() {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.of(
                "bootstrap.servers", io.anchang.testing.SharedKafka.bootstrapServers(), "group.id", "dlt-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of("anchang.reception.v1.dlt"));
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    var by = record.headers().lastHeader("anchang.dlt.consumer");
                    if ("{not json".equals(record.value()) && by != null && "reporting.projections".equals(new String(by.value(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            assertThat(new String(found.get(0).headers().lastHeader("anchang.dlt.reason").value(), StandardCharsets.UTF_8))
                    .contains("not valid event JSON");
        }
    }

    @Test
    @Order(19)
    @DisplayName("R-RPT-3 R-RPT-5 after the big deposit: the contract fills 签约明细表 and makes the shares final, a down payment is 回款, a refund is 退房 with its shares reversed; twice told, once")
    void afterTheBigDeposit() {
        Instant dec10 = Instant.parse("2026-12-10T02:00:00Z");
        Instant dec12 = Instant.parse("2026-12-12T02:00:00Z");
        unit("U104", "1-104", "100.00", "3000000.00");
        unit("U105", "1-105", "100.00", "2000000.00");
        ReportEvents.publish(SITE, "U104", new UnitHeld("U104", SITE, "1-104", "H4", "K3", REP2, "李四", dec10, dec10.plusSeconds(1800)));
        ReportEvents.publish(SITE, "U104", new BigDepositSigned("H4", SITE, "U104", "1-104", "K3", REP2, new BigDecimal("3000000.00"),
                new BigDecimal("100000.00"), "RG-RP01-2026-000004", dec10));
        ReportEvents.publish(SITE, "U104", new CreditRecorded("H4", SITE, "U104", List.of(new CreditRecorded.Share(REP2, BigDecimal.ONE, 100)),
                "R-ATT-1", false, true, dec10));
        ContractSigned contract = new ContractSigned("H4", SITE, "U104", "1-104", "K3", "周女士", REP2, "李四", "HT-RP01-2026-000001",
                new BigDecimal("3000000.00"), new BigDecimal("100000.00"), List.of(), LocalDate.of(2026, 12, 12), LocalDate.of(2026, 12, 25),
                false, List.of(new CreditRecorded.Share(REP2, BigDecimal.ONE, 100)), REP2, dec12);
        UUID contractId = UUID.randomUUID();
        ReportEvents.publish(contractId, SITE, "U104", contract);
        ReportEvents.publish(contractId, SITE, "U104", contract);
        ReportEvents.publish(SITE, "SK-1", new PaymentRecorded("SK-RP01-2026-000001", SITE, "due-1", "H4", "U104", "DOWN_PAYMENT",
                new BigDecimal("900000.00"), "TRANSFER", "T-9", BigDecimal.ZERO, true, null, "RP01-fin", dec12.plusSeconds(3600),
                LocalDate.of(2026, 12, 12)));
        ReportEvents.publish(SITE, "U105", new UnitHeld("U105", SITE, "1-105", "H5", "K1", REP1, "张三", dec10, dec10.plusSeconds(1800)));
        ReportEvents.publish(SITE, "U105", new BigDepositSigned("H5", SITE, "U105", "1-105", "K1", REP1, new BigDecimal("2000000.00"),
                new BigDecimal("50000.00"), "RG-RP01-2026-000005", dec10));
        ReportEvents.publish(SITE, "U105", new CreditRecorded("H5", SITE, "U105", List.of(new CreditRecorded.Share(REP1, BigDecimal.ONE, 100)),
                "R-ATT-1", false, true, dec10));
        ReportEvents.publish(SITE, "U105", new Refunded("AP-5", "H5", SITE, "U105", "1-105", "K1", new BigDecimal("50000.00"),
                BigDecimal.ZERO, new BigDecimal("50000.00"), List.of(), "已做客户工作", "资金周转困难", List.of(), "mgr-RP01", dec12));
        ReportEvents.publish(SITE, "U105", new UnitReleased("U105", SITE, "1-105", null, "REFUNDED", "mgr-RP01", dec12));
        ReportEvents.awaitProjected(DATABASE);

        JsonNode contracts = get("/sites/RP01/registers/contracts?from=2026-12-01&to=2026-12-31", manager());
        assertThat(contracts.path("paging").path("totalRows").asInt()).isEqualTo(1);
        JsonNode signed = table(contracts, "rows").path("rows").get(0);
        assertThat(signed.path("contractNo").asString()).isEqualTo("HT-RP01-2026-000001");
        assertThat(signed.path("day").asString()).isEqualTo("2026-12-12");
        assertThat(signed.path("subscribedOn").asString()).isEqualTo("2026-12-10");
        numbers(signed, "price", "3000000.00", "unitPrice", "30000.00");

        JsonNode bonus = get("/sites/RP01/forms/bonus?period=MONTH&date=2026-12-10", manager());
        numbers(row(table(bonus, "byRep"), "rep", "李四"), "finalDeals", 1, "finalCredit", 1, "provisionalDeals", 0, "reversedDeals", 0);
        numbers(row(table(bonus, "byRep"), "rep", "张三"), "reversedDeals", 1, "reversedCredit", 1, "provisionalDeals", 0, "finalDeals", 0);

        JsonNode targets = get("/sites/RP01/forms/targets?month=2026-12", manager());
        numbers(row(table(targets, "byRep"), "rep", "李四"), "contracted", "3000000.00", "collected", "900000.00");
        numbers(row(table(targets, "money"), "item", "退房金额（元）"), "value", "2000000.00");

        JsonNode stock = get("/sites/RP01/forms/sales?period=MONTH&date=2026-12-10", manager());
        numbers(row(table(stock, "byBuilding"), "building", "1号楼"), "contracted", 1, "periodBigDeposits", 2);
    }

    /** A big deposit of {@code rep} for {@code hold} on {@code unit} at {@code at}, at the unit's price {@code price}. */
    static void bigDeposit(String hold, String unit, String label, String customer, String rep, String repName, String price, Instant at) {
        ReportEvents.publish(SITE, unit, new UnitHeld(unit, SITE, label, hold, customer, rep, repName, at, at.plusSeconds(1800)));
        ReportEvents.publish(SITE, unit, new BigDepositSigned(hold, SITE, unit, label, customer, rep, new BigDecimal(price),
                new BigDecimal("100000.00"), "RG-" + hold, at));
        ReportEvents.publish(SITE, unit, new CreditRecorded(hold, SITE, unit, List.of(new CreditRecorded.Share(rep, BigDecimal.ONE, 100)),
                "R-ATT-1", false, true, at));
    }

    private static RefundPaid refundPaid(String voucher, String deal, String amount, LocalDate day, String paidSoFar, String remaining) {
        return new RefundPaid(voucher, SITE, deal == null ? "lapsed-9" : "refund-" + deal, "U107", "REFUND_APPROVED", new BigDecimal(amount),
                "TRANSFER", "T-" + voucher, "钱女士", "RP01-fin", day.atTime(11, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant(), day,
                deal, "req-" + voucher, new BigDecimal("50000.00"), new BigDecimal(paidSoFar), new BigDecimal(remaining),
                new BigDecimal(remaining).signum() == 0);
    }

    @Test
    @Order(21)
    @DisplayName("R-RPT-3 R-RPT-5 R-FIN-1 R-FIN-4 R-FIN-5 R-FIN-7 the finance desk's corrections: a voided receipt leaves 回款 of its day, a reversal lands on the day of the reversing entry (site's time zone), refunds paid in parts are money out, a voided voucher paid nothing; twice told, once")
    void theFinanceDesksCorrections() {
        Instant jan5 = Instant.parse("2027-01-05T02:00:00Z");
        unit("U106", "1-106", "100.00", "3000000.00");
        unit("U107", "1-107", "100.00", "2000000.00");
        bigDeposit("H6", "U106", "1-106", "K1", REP1, "张三", "3000000.00", jan5);
        bigDeposit("H7", "U107", "1-107", "K2", REP2, "李四", "2000000.00", jan5);

        // 回款 on 6 January, one receipt voided that day (sent twice)
        LocalDate jan6 = LocalDate.of(2027, 1, 6);
        ReportEvents.publish(SITE, "SK-RP01-2027-000011", new PaymentRecorded("SK-RP01-2027-000011", SITE, "H6:1", "H6", "U106", "DOWN_PAYMENT",
                new BigDecimal("500000.00"), "TRANSFER", "T-11", new BigDecimal("2400000.00"), false, null, "RP01-fin",
                Instant.parse("2027-01-06T03:00:00Z"), jan6));
        ReportEvents.publish(SITE, "SK-RP01-2027-000012", new PaymentRecorded("SK-RP01-2027-000012", SITE, "H6:2", "H6", "U106", "INSTALMENT",
                new BigDecimal("100000.00"), "CASH", null, new BigDecimal("400000.00"), false, null, "RP01-fin",
                Instant.parse("2027-01-06T04:00:00Z"), jan6));
        ReceiptVoided voided = new ReceiptVoided("SK-RP01-2027-000012", SITE, "H6:2", "H6", "U106", new BigDecimal("100000.00"), "重复收款",
                "RP01-fin", Instant.parse("2027-01-06T05:00:00Z"), jan6, "INSTALMENT");
        UUID voidId = UUID.randomUUID();
        ReportEvents.publish(voidId, SITE, "SK-RP01-2027-000012", voided);
        ReportEvents.publish(voidId, SITE, "SK-RP01-2027-000012", voided);
        // 6 January closed; the down payment reversed at 00:30 Shanghai on 8 January (16:30 UTC on the 7th)
        ReportEvents.publish(SITE, "SK-RP01-2027-000013", new ReceiptReversed("SK-RP01-2027-000013", "SK-RP01-2027-000011", SITE, "H6:1", "H6",
                "U106", new BigDecimal("-500000.00"), "金额录错", "RP01-fin", Instant.parse("2027-01-07T16:30:00Z"), LocalDate.of(2027, 1, 8),
                "DOWN_PAYMENT"));

        // H7 refunded; the refund paid out in parts, one part's voucher voided and paid again, one reversed after its day closed
        ReportEvents.publish(SITE, "U107", new Refunded("AP-7", "H7", SITE, "U107", "1-107", "K2", new BigDecimal("100000.00"),
                new BigDecimal("50000.00"), new BigDecimal("50000.00"), List.of(), "已做客户工作", "资金周转困难", List.of(), "mgr-RP01",
                Instant.parse("2027-01-09T02:00:00Z")));
        RefundPaid part1 = refundPaid("FK-RP01-2027-000001", "H7", "20000.00", LocalDate.of(2027, 1, 9), "20000.00", "30000.00");
        UUID part1Id = UUID.randomUUID();
        ReportEvents.publish(part1Id, SITE, part1.voucherNo(), part1);
        ReportEvents.publish(part1Id, SITE, part1.voucherNo(), part1);
        ReportEvents.publish(SITE, "FK-RP01-2027-000002", refundPaid("FK-RP01-2027-000002", "H7", "30000.00", LocalDate.of(2027, 1, 10),
                "50000.00", "0.00"));
        ReportEvents.publish(SITE, part1.voucherNo(), new VoucherVoided(part1.voucherNo(), SITE, "refund-H7", new BigDecimal("20000.00"),
                "收款账号错", "RP01-fin", Instant.parse("2027-01-10T03:00:00Z"), LocalDate.of(2027, 1, 9), "H7"));
        ReportEvents.publish(SITE, "FK-RP01-2027-000003", refundPaid("FK-RP01-2027-000003", "H7", "20000.00", LocalDate.of(2027, 1, 10),
                "50000.00", "0.00"));
        ReportEvents.publish(SITE, "FK-RP01-2027-000004", new VoucherReversed("FK-RP01-2027-000004", "FK-RP01-2027-000002", SITE, "refund-H7",
                "U107", new BigDecimal("-30000.00"), "付款录错", "RP01-fin", Instant.parse("2027-01-12T02:00:00Z"), LocalDate.of(2027, 1, 12), "H7"));
        // a lapsed small deposit's refund: no deal's, the site's
        ReportEvents.publish(SITE, "FK-RP01-2027-000005", refundPaid("FK-RP01-2027-000005", null, "5000.00", LocalDate.of(2027, 1, 10),
                "5000.00", "0.00"));
        ReportEvents.awaitProjected(DATABASE);

        // 回款 by the desk's day: the voided receipt never counted; the reversal on the 8th, not on the 6th nor on the 7th
        numbers(row(table(get("/head-office?period=DAY&date=2027-01-06", headOffice()), "sites"), "site", SITE), "collected", "500000.00");
        numbers(row(table(get("/head-office?period=DAY&date=2027-01-07", headOffice()), "sites"), "site", SITE), "collected", "0");
        numbers(row(table(get("/head-office?period=DAY&date=2027-01-08", headOffice()), "sites"), "site", SITE), "collected", "-500000.00");

        // money out by week: 20,000 + 30,000 + 5,000 in the week of the 10th (the voided 20,000 not), −30,000 the next
        JsonNode trend = row(table(get("/head-office/trends?unit=WEEK&count=2&date=2027-01-12&measure=refunded", headOffice()), "trend"), "site", SITE);
        numbers(trend, "p1", "55000.00", "p2", "-30000.00");

        // the month: 回款 nets out for 张三, money out 25,000 in all
        JsonNode targets = get("/sites/RP01/forms/targets?month=2027-01", manager());
        numbers(row(table(targets, "byRep"), "rep", "张三"), "collected", "0.00");
        numbers(row(table(targets, "money"), "item", "回款（元）"), "value", "0.00");
        numbers(row(table(targets, "money"), "item", "已退款（元）"), "value", "25000.00");
        numbers(row(table(targets, "money"), "item", "退房金额（元）"), "value", "2000000.00");
    }

    @Test
    @Order(22)
    @DisplayName("R-RPT-3 R-DEAL-7 after a unit change 大订明细表 shows the deal on the new unit at its price; 认购金额 moves by the difference on the day of the change")
    void aUnitChangeInTheRegisters() {
        Instant feb2 = Instant.parse("2027-02-02T02:00:00Z");
        Instant feb3 = Instant.parse("2027-02-03T02:00:00Z");
        unit("U108", "1-108", "100.00", "3000000.00");
        unit("U109", "1-109", "120.00", "3600000.00");
        bigDeposit("H8", "U108", "1-108", "K3", REP2, "李四", "3000000.00", feb2);
        UnitChanged change = new UnitChanged("UC-8", "H8", SITE, "U108", "1-108", "U109", "1-109", "BIG_DEPOSIT", "LARGER", null, null,
                new BigDecimal("3000000.00"), new BigDecimal("3600000.00"), new BigDecimal("100000.00"), "K3", REP2, feb3);
        UUID changeId = UUID.randomUUID();
        ReportEvents.publish(changeId, SITE, "U109", change);
        ReportEvents.publish(changeId, SITE, "U109", change);
        ReportEvents.publish(SITE, "U108", new UnitReleased("U108", SITE, "1-108", null, "UNIT_CHANGED", REP2, feb3));
        ReportEvents.awaitProjected(DATABASE);

        JsonNode register = get("/sites/RP01/registers/big-deposits?from=2027-02-01&to=2027-02-28", manager());
        assertThat(register.path("paging").path("totalRows").asInt()).isEqualTo(1);
        JsonNode deal = table(register, "rows").path("rows").get(0);
        assertThat(deal.path("unit").asString()).isEqualTo("1-109");
        assertThat(deal.path("day").asString()).isEqualTo("2027-02-02");
        numbers(deal, "area", "120.00", "price", "3600000.00", "unitPrice", "30000.00");

        numbers(row(table(get("/head-office?period=DAY&date=2027-02-02", headOffice()), "sites"), "site", SITE),
                "bigDeposits", 1, "subscribedAmount", "3000000.00");
        numbers(row(table(get("/head-office?period=DAY&date=2027-02-03", headOffice()), "sites"), "site", SITE),
                "bigDeposits", 0, "subscribedAmount", "600000.00");
        JsonNode bonus = get("/sites/RP01/forms/bonus?period=MONTH&date=2027-02-10", manager());
        numbers(row(table(bonus, "byRep"), "rep", "李四"), "provisionalDeals", 1, "provisionalAmount", "3600000.00");
    }

    @Test
    @Order(23)
    @DisplayName("R-RPT-6 R-FIN-4 head office's side by side: a refund paid out on one site is 已退款 on that site's row and in the total, as JSON, as a typed money cell in the workbook and in the CSV; told twice, counted once")
    void refundsOnHeadOfficesSideBySide() throws Exception {
        // a lapsed small deposit's refund paid out in Los Angeles on 10 March 2027 (no deal's, the site's), delivered twice
        LocalDate mar10 = LocalDate.of(2027, 3, 10);
        RefundPaid paid = new RefundPaid("FK-RP02-2027-000001", OTHER, "lapsed-RP02", "U-RP02", "REFUND_APPROVED", new BigDecimal("8000.00"),
                "TRANSFER", "T-RP02-1", "Ann", "RP02-fin", mar10.atTime(11, 0).atZone(java.time.ZoneId.of("America/Los_Angeles")).toInstant(),
                mar10, null, "req-RP02-1", new BigDecimal("8000.00"), new BigDecimal("8000.00"), BigDecimal.ZERO.setScale(2), true);
        UUID paidId = UUID.randomUUID();
        ReportEvents.publish(paidId, OTHER, paid.voucherNo(), paid);
        ReportEvents.publish(paidId, OTHER, paid.voucherNo(), paid);
        ReportEvents.awaitProjected(DATABASE);

        String march = "/head-office?period=MONTH&date=2027-03-15";
        JsonNode sites = table(get(march, headOffice()), "sites");
        assertThat(sites.path("columns")).extracting(c -> c.path("key").asString() + "=" + c.path("type").asString())
                .contains("refunded=MONEY", "collected=MONEY");
        numbers(row(sites, "site", OTHER), "refunded", "8000.00");
        numbers(row(sites, "site", SITE), "refunded", "0");
        BigDecimal refunded = BigDecimal.ZERO;
        for (JsonNode site : sites.path("rows")) {
            refunded = refunded.add(site.path("refunded").decimalValue());
        }
        assertThat(refunded).isEqualByComparingTo("8000.00");
        numbers(sites.path("total"), "refunded", "8000.00");

        byte[] xlsx = web.get().uri(BASE + march + "&format=xlsx").headers(h -> h.setBearerAuth(headOffice())).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(2);
            int refundedAt = column(header, "已退款（元）");
            int siteAt = column(header, "案场编号");
            int nameAt = column(header, "案场");
            Row other = StreamSupport.stream(sheet.spliterator(), false).filter(r -> r.getRowNum() > 2 && r.getCell(siteAt) != null
                    && r.getCell(siteAt).getCellType() == CellType.STRING && OTHER.equals(r.getCell(siteAt).getStringCellValue()))
                    .findFirst().orElseThrow();
            Cell cell = other.getCell(refundedAt);
            assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(cell.getNumericCellValue()).isEqualTo(8_000.0);
            assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            Row total = StreamSupport.stream(sheet.spliterator(), false).filter(r -> r.getCell(nameAt) != null
                    && r.getCell(nameAt).getCellType() == CellType.STRING && "全部案场合计".equals(r.getCell(nameAt).getStringCellValue()))
                    .findFirst().orElseThrow();
            assertThat(total.getCell(refundedAt).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(total.getCell(refundedAt).getNumericCellValue()).isEqualTo(8_000.0);
        }

        byte[] csv = web.get().uri(BASE + march + "&format=csv").headers(h -> h.setBearerAuth(headOffice())).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        List<String> lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).lines().toList();
        List<String> header = List.of(lines.stream().filter(l -> l.startsWith("排名,")).findFirst().orElseThrow().split(",", -1));
        int refundedAt = header.indexOf("已退款（元）");
        assertThat(refundedAt).isPositive();
        String[] other = lines.stream().filter(l -> l.contains("," + OTHER + ",")).findFirst().orElseThrow().split(",", -1);
        assertThat(other[refundedAt]).isEqualTo("8000.00");
        String[] total = lines.stream().filter(l -> l.contains(",全部案场合计,")).findFirst().orElseThrow().split(",", -1);
        assertThat(total[refundedAt]).isEqualTo("8000.00");
    }

    @Test
    @Order(29)
    @DisplayName("R-SEC-1 an ADMIN of one site neither sees the state of nor rebuilds the read models, which hold every site: "
            + "403 site-access-denied, nothing started; an ADMIN of * and HEAD_OFFICE see the state")
    void anAdminOfOneSiteDoesNotRebuildEverySite() {
        String adminOfSite = ISSUER.token("admin-" + SITE, "ADMIN", SITE);
        String admin = ISSUER.token("admin", List.of("ADMIN"), List.of("*"));
        web.post().uri(BASE + "/projections/rebuild").headers(h -> h.setBearerAuth(adminOfSite)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        web.get().uri(BASE + "/projections").headers(h -> h.setBearerAuth(adminOfSite)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied")
                .jsonPath("$.active").doesNotExist();

        Map<?, ?> status = web.get().uri(BASE + "/projections").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(status.get("building")).isEqualTo(0);
        assertThat(status.get("requestedBy")).as("no rebuild was started by the ADMIN of " + SITE).isNotEqualTo("admin-" + SITE);
        web.get().uri(BASE + "/projections").headers(h -> h.setBearerAuth(headOffice())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.building").isEqualTo(0);
    }

    @Test
    @Order(30)
    @DisplayName("R-RPT an ADMIN's rebuild replays every topic into new read models while the old serve, then switches: the forms come out the same")
    void aRebuildComesOutTheSame() {
        List<String> forms = List.of("/sites/RP01/forms/daily?day=2026-11-25", "/sites/RP01/forms/analysis?period=WEEK&date=2026-11-25",
                "/sites/RP01/forms/bonus?period=MONTH&date=2026-11-25", "/sites/RP01/forms/sales?period=MONTH&date=2026-11-25",
                "/sites/RP01/registers/big-deposits?from=2026-11-01&to=2026-11-30", "/head-office?period=MONTH&date=2026-11-15",
                "/sites/RP01/forms/targets?month=2027-01", "/head-office?period=DAY&date=2027-01-08",
                "/head-office/trends?unit=WEEK&count=2&date=2027-01-12&measure=refunded",
                "/sites/RP01/registers/big-deposits?from=2027-02-01&to=2027-02-28", "/head-office?period=DAY&date=2027-02-03",
                "/head-office?period=MONTH&date=2027-03-15");
        Map<String, JsonNode> before = new java.util.LinkedHashMap<>();
        forms.forEach(form -> before.put(form, get(form, headOffice()).path("tables")));
        String admin = ISSUER.token("admin", List.of("ADMIN"), List.of("*"));

        web.post().uri(BASE + "/projections/rebuild").headers(h -> h.setBearerAuth(ISSUER.token("mgr-RP01", "MANAGER", SITE))).exchange()
                .expectStatus().isForbidden();
        web.post().uri(BASE + "/projections/rebuild").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.active").isEqualTo(1).jsonPath("$.building").isEqualTo(2);
        // the old generation keeps serving meanwhile
        assertThat(get(forms.get(0), headOffice()).path("tables")).isEqualTo(before.get(forms.get(0)));
        web.post().uri(BASE + "/projections/rebuild").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isEqualTo(409);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> web.get().uri(BASE + "/projections").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(2).jsonPath("$.building").isEqualTo(0));
        forms.forEach(form -> assertThat(get(form, headOffice()).path("tables")).as(form).isEqualTo(before.get(form)));
    }

    private static int column(Row header, String title) {
        for (Cell cell : header) {
            if (title.equals(cell.getStringCellValue())) {
                return cell.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + title);
    }
}
