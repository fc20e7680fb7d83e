package io.anchang.systemtest;

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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After the deposit (issue 13) as the office does it, through the gateway with real Keycloak tokens: at SH01, in a
 * building of its own entered by the MANAGER and with two callers of its own (so no other class sees them), a rep
 * holds a unit and asks for a big deposit that the real FINANCE user confirms; the deal changes to a dearer unit,
 * the contract is signed with its terms, FINANCE takes part of the down payment (a receipt) and the transfer fee of a
 * name change, which then takes effect; a second deal is refunded before its contract and FINANCE pays the refund
 * out in two parts, a voucher each. At each step the wrong role is refused, and every outcome is read back through the
 * API: the board, the receipts, the amounts due, the vouchers and the desk's day — and at the end the customers' cards
 * and the reports. The day is not closed (other classes book on it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(55)
class AfterDepositSystemTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SITE = "SH01";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String REP = "sh01-sales3";
    static final String OTHER_REP = "sh01-sales1";
    static final String DEPOSIT = "100000.00";
    static WebTestClient gateway;
    static String manager;
    static String finance;
    static String rep;
    static String building;
    /** Deal A: held on 101, moved to 102, contracted, paid, renamed. Deal B: on 103, refunded. */
    static String unitA;
    static String dearer;
    static String cheaper;
    static String unitB;
    static String customerA;
    static String customerB;
    static String dealA;
    static String dealB;
    static String depositReceiptA;

    @BeforeAll
    static void theOffice() {
        gateway = TheOffice.gateway();
        manager = TheOffice.manager(SITE);
        finance = TheOffice.token("sh01-finance");
        rep = TheOffice.token(REP);
    }

    @Test
    @Order(1)
    @DisplayName("R-DEAL-1 R-REC-3 the MANAGER enters a building of four units; two callers become the rep's customers")
    void aBuildingAndTwoCustomers() {
        building = "X" + Long.toString(System.currentTimeMillis() % 1_000_000L, 36).toUpperCase();
        gateway.post().uri("/api/deals/sites/{s}/buildings", SITE).headers(h -> h.setBearerAuth(manager))
                .bodyValue(object("code", building, "name", "换房楼", "project", "上海·滨江壹号")).exchange().expectStatus().isCreated();
        // 101 the unit held; 102 larger and dearer (a change the rep may make); 104 smaller and cheaper, same grade (needs approval)
        unit("101", "92.30", "3000000.00");
        unit("102", "128.50", "4200000.00");
        unit("103", "92.30", "3010000.00");
        unit("104", "89.00", "2900000.00");
        unitA = SITE + "-" + building + "-101";
        dearer = SITE + "-" + building + "-102";
        unitB = SITE + "-" + building + "-103";
        cheaper = SITE + "-" + building + "-104";
        String digits = String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
        customerA = call("158" + digits, "钱先生");
        customerB = call("159" + digits, "冯女士");
        assertThat(statuses()).containsEntry(unitA, "AVAILABLE").containsEntry(dearer, "AVAILABLE").containsEntry(unitB, "AVAILABLE");
    }

    @Test
    @Order(2)
    @DisplayName("R-DEAL-2 R-DEAL-4 R-FIN-2 R-SEC-2 the rep holds and asks for a big deposit; the rep may not confirm it (403 finance-only), FINANCE does: BIG_DEPOSIT with its agreement and receipt")
    void bigDepositsConfirmedByFinance() {
        String requestA = bigDeposit(unitA, customerA, "钱建华", "15800001111");
        String requestB = bigDeposit(unitB, customerB, "冯小梅", "15900002222");
        gateway.post().uri("/api/finance/deposit-requests/{id}/confirmation", requestA).headers(h -> h.setBearerAuth(rep))
                .bodyValue(object("amount", DEPOSIT, "method", "CASH", "reference", "私收")).exchange()
                .expectStatus().isForbidden().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:finance-only");
        assertThat(unit(unitA).path("status").asString()).isEqualTo("HELD");

        depositReceiptA = confirm(requestA);
        confirm(requestB);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statuses()).containsEntry(unitA, "BIG_DEPOSIT")
                .containsEntry(unitB, "BIG_DEPOSIT"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !unit(unitA).path("sale").path("agreement").path("number").asString("").isBlank()
                && !unit(unitB).path("sale").path("agreement").path("number").asString("").isBlank());
        JsonNode sale = unit(unitA).path("sale");
        dealA = sale.path("dealId").asString();
        dealB = unit(unitB).path("sale").path("dealId").asString();
        assertThat(sale.path("customerId").asString()).isEqualTo(customerA);
        assertThat(new BigDecimal(sale.path("paid").asString())).isEqualByComparingTo(DEPOSIT);
        JsonNode receipt = receipt(depositReceiptA);
        assertThat(receipt.path("amount").asString()).isEqualTo(DEPOSIT);
        assertThat(receipt.path("unitId").asString()).isEqualTo(unitA);
        assertThat(receipt.path("confirmedBy").asString()).isEqualTo("sh01-finance");
    }

    @Test
    @Order(3)
    @DisplayName("R-DEAL-7 a change to a smaller, cheaper unit of the same grade is refused without a MANAGER (403), FINANCE may not change units; to a dearer unit it goes through: the old unit on sale, the new one the deal's")
    void theUnitChange() {
        gateway.post().uri("/api/deals/sites/{s}/units/{u}/unit-change", SITE, unitA).headers(h -> h.setBearerAuth(rep))
                .bodyValue(object("toUnitId", cheaper, "requestId", "sys-uc-" + UUID.randomUUID())).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:unit-change-needs-approval");
        gateway.post().uri("/api/deals/sites/{s}/units/{u}/unit-change", SITE, unitA).headers(h -> h.setBearerAuth(finance))
                .bodyValue(object("toUnitId", dearer, "requestId", "sys-uc-" + UUID.randomUUID())).exchange()
                .expectStatus().isForbidden();
        assertThat(statuses()).containsEntry(unitA, "BIG_DEPOSIT").containsEntry(dearer, "AVAILABLE").containsEntry(cheaper, "AVAILABLE");

        JsonNode moved = json(gateway.post().uri("/api/deals/sites/{s}/units/{u}/unit-change", SITE, unitA).headers(h -> h.setBearerAuth(rep))
                .bodyValue(object("toUnitId", dearer, "requestId", "sys-uc-" + UUID.randomUUID())).exchange().expectStatus().isOk());
        assertThat(moved.path("state").asString()).isEqualTo("MOVED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statuses()).containsEntry(unitA, "AVAILABLE")
                .containsEntry(dearer, "BIG_DEPOSIT").containsEntry(cheaper, "AVAILABLE"));
        JsonNode sale = unit(dearer).path("sale");
        assertThat(sale.path("dealId").asString()).isEqualTo(dealA);
        assertThat(new BigDecimal(sale.path("paid").asString())).as("the deposit moved with the deal").isEqualByComparingTo(DEPOSIT);
        assertThat(unit(unitA).path("sale").isMissingNode() || unit(unitA).path("sale").isNull()).as("nothing sold on the old unit").isTrue();
    }

    @Test
    @Order(4)
    @DisplayName("R-DEAL-6 R-FIN-3 another rep may not sign the deal's contract (403); its rep signs with terms that add up to the price: CONTRACTED, and the finance desk shows each term as an amount due")
    void theContract() {
        BigDecimal price = new BigDecimal(unit(dearer).path("sale").path("price").asString());
        LocalDate today = LocalDate.now(ZONE);
        BigDecimal down = new BigDecimal("1000000.00");
        BigDecimal instalment = new BigDecimal("500000.00");
        BigDecimal mortgage = price.subtract(new BigDecimal(DEPOSIT)).subtract(down).subtract(instalment);
        Map<String, Object> terms = object("requestId", "sys-contract-" + dealA, "terms", list(
                object("kind", "DOWN_PAYMENT", "amount", down.toPlainString(), "dueOn", today.toString()),
                object("kind", "INSTALMENT", "amount", instalment.toPlainString(), "dueOn", today.plusMonths(1).toString()),
                object("kind", "MORTGAGE", "amount", mortgage.toPlainString(), "dueOn", today.plusMonths(2).toString())));
        gateway.post().uri("/api/deals/sites/{s}/units/{u}/contract", SITE, dearer).headers(h -> h.setBearerAuth(TheOffice.token(OTHER_REP)))
                .bodyValue(terms).exchange().expectStatus().isForbidden();
        // terms a fen short of the price: refused, nothing signed
        Map<String, Object> shortTerms = object("terms", list(object("kind", "DOWN_PAYMENT",
                "amount", price.subtract(new BigDecimal(DEPOSIT)).subtract(new BigDecimal("0.01")).toPlainString(), "dueOn", today.toString())));
        gateway.post().uri("/api/deals/sites/{s}/units/{u}/contract", SITE, dearer).headers(h -> h.setBearerAuth(rep))
                .bodyValue(shortTerms).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:terms-do-not-add-up");
        assertThat(statuses()).containsEntry(dearer, "BIG_DEPOSIT");

        JsonNode signed = json(gateway.post().uri("/api/deals/sites/{s}/units/{u}/contract", SITE, dearer).headers(h -> h.setBearerAuth(rep))
                .bodyValue(terms).exchange().expectStatus().isCreated());
        assertThat(signed.path("status").asString()).isEqualTo("CONTRACTED");
        assertThat(signed.path("sale").path("contract").path("terms").size()).isEqualTo(3);
        assertThat(statuses()).containsEntry(dearer, "CONTRACTED");
        await().atMost(Duration.ofSeconds(30)).until(() -> dues(dealA).size() == 3);
        JsonNode first = due(dealA + ":1");
        assertThat(first.path("kind").asString()).isEqualTo("DOWN_PAYMENT");
        assertThat(new BigDecimal(first.path("amount").asString())).isEqualByComparingTo(down);
        assertThat(new BigDecimal(first.path("outstanding").asString())).isEqualByComparingTo(down);
        assertThat(first.path("unitId").asString()).isEqualTo(dearer);
    }

    @Test
    @Order(5)
    @DisplayName("R-FIN-3 R-SEC-2 a rep and a MANAGER may not record a payment (403 finance-only), FINANCE takes part of the down payment: a receipt, and less outstanding")
    void aPaymentAtTheFinanceDesk() {
        Map<String, Object> payment = object("amount", "300000.00", "method", "TRANSFER", "reference", "SYS-DOWN-" + building,
                "requestId", "sys-down-" + dealA);
        for (String token : List.of(rep, manager)) {
            gateway.post().uri("/api/finance/sites/{s}/dues/{d}/payments", SITE, dealA + ":1").headers(h -> h.setBearerAuth(token))
                    .bodyValue(payment).exchange().expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:finance-only");
        }
        assertThat(due(dealA + ":1").path("payments").size()).isZero();

        JsonNode receipt = json(gateway.post().uri("/api/finance/sites/{s}/dues/{d}/payments", SITE, dealA + ":1")
                .headers(h -> h.setBearerAuth(finance)).bodyValue(payment).exchange().expectStatus().isCreated());
        String receiptNo = receipt.path("receiptNo").asString();
        assertThat(receiptNo).isNotBlank().isNotEqualTo(depositReceiptA);
        assertThat(receipt(receiptNo).path("amount").asString()).isEqualTo("300000.00");
        JsonNode due = due(dealA + ":1");
        assertThat(due.path("paid").asString()).isEqualTo("300000.00");
        assertThat(due.path("outstanding").asString()).isEqualTo("700000.00");
        assertThat(due.path("payments").get(0).path("receiptNo").asString()).isEqualTo(receiptNo);
        // deal-service hears of it: the deposit and the payment paid in all
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(new BigDecimal(unit(dearer).path("sale").path("paidInAll").asString())).isEqualByComparingTo("400000.00"));
    }

    @Test
    @Order(6)
    @DisplayName("R-DEAL-8 R-FIN-4 after the contract a name change waits for its transfer fee: another rep may not ask for it, the rep may not take the fee (403 finance-only); once FINANCE records it the buyer is changed")
    void aNameChangeAfterTheContract() {
        Map<String, Object> change = object("buyer", object("name", "钱小燕", "phone", "15800003333", "address", "上海市浦东新区世纪大道100号",
                "postcode", "200120"), "reason", "转让给女儿", "requestId", "sys-name-" + dealA);
        gateway.post().uri("/api/deals/sites/{s}/units/{u}/name-change", SITE, dearer).headers(h -> h.setBearerAuth(TheOffice.token(OTHER_REP)))
                .bodyValue(change).exchange().expectStatus().isForbidden();
        JsonNode requested = json(gateway.post().uri("/api/deals/sites/{s}/units/{u}/name-change", SITE, dearer)
                .headers(h -> h.setBearerAuth(rep)).bodyValue(change).exchange().expectStatus().isAccepted());
        assertThat(requested.path("state").asString()).isEqualTo("FEE_DUE");
        String fee = requested.path("fee").asString();
        assertThat(new BigDecimal(fee)).isPositive();
        assertThat(requested.path("unit").path("sale").path("contract").path("buyerName").asString()).isEqualTo("钱建华");

        await().atMost(Duration.ofSeconds(30)).until(() -> feeDue() != null);
        String dueId = feeDue().path("dueId").asString();
        assertThat(feeDue().path("amount").asString()).isEqualTo(fee);
        Map<String, Object> payment = object("amount", fee, "method", "CARD", "reference", "SYS-FEE-" + building, "requestId", "sys-fee-" + dealA);
        gateway.post().uri("/api/finance/sites/{s}/dues/{d}/payments", SITE, dueId).headers(h -> h.setBearerAuth(rep))
                .bodyValue(payment).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:finance-only");
        assertThat(unit(dearer).path("sale").path("contract").path("buyerName").asString()).isEqualTo("钱建华");

        String receiptNo = json(gateway.post().uri("/api/finance/sites/{s}/dues/{d}/payments", SITE, dueId)
                .headers(h -> h.setBearerAuth(finance)).bodyValue(payment).exchange().expectStatus().isCreated()).path("receiptNo").asString();
        assertThat(receipt(receiptNo).path("amount").asString()).isEqualTo(fee);
        assertThat(feeDue().path("outstanding").asString()).isEqualTo("0.00");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode sale = unit(dearer).path("sale");
            assertThat(sale.path("contract").path("buyerName").asString()).isEqualTo("钱小燕");
            assertThat(sale.path("contract").path("buyerPhone").asString()).isEqualTo("158****3333");
            assertThat(sale.path("nameChange").isMissingNode() || sale.path("nameChange").isNull()).isTrue();
        });
    }

    @Test
    @Order(7)
    @DisplayName("R-DEAL-10 R-FIN-4 R-SEC-2 no refund after the contract (409); before it the rep records the retention talk, the rep may not approve (403), the MANAGER does: the unit back on sale; the MANAGER may not pay out (403 finance-only), FINANCE does with a voucher")
    void aRefundBeforeTheContract() {
        gateway.post().uri("/api/deals/sites/{s}/units/{u}/refund-request", SITE, dearer).headers(h -> h.setBearerAuth(rep))
                .bodyValue(object("retentionTalk", "讲解了学区", "reason", "资金紧张")).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:refund-after-contract");
        assertThat(statuses()).containsEntry(dearer, "CONTRACTED");

        JsonNode requested = json(gateway.post().uri("/api/deals/sites/{s}/units/{u}/refund-request", SITE, unitB).headers(h -> h.setBearerAuth(rep))
                .bodyValue(object("retentionTalk", "经理和我两次约谈，讲解了地铁规划", "reason", "家中变故", "requestId", "sys-refund-" + dealB))
                .exchange().expectStatus().isAccepted());
        String approvalId = requested.path("sale").path("approval").path("approvalId").asString();
        assertThat(approvalId).isNotBlank();
        Map<String, Object> decision = object("decision", "APPROVE", "refundAmount", "80000.00", "reason", "酌情退还，没收两万");
        gateway.post().uri("/api/deals/sites/{s}/units/{u}/approvals/{a}", SITE, unitB, approvalId).headers(h -> h.setBearerAuth(rep))
                .bodyValue(decision).exchange().expectStatus().isForbidden();
        assertThat(statuses()).containsEntry(unitB, "BIG_DEPOSIT");
        gateway.post().uri("/api/deals/sites/{s}/units/{u}/approvals/{a}", SITE, unitB, approvalId).headers(h -> h.setBearerAuth(manager))
                .bodyValue(decision).exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("REFUNDED");
        assertThat(statuses()).containsEntry(unitB, "AVAILABLE");

        String refundId = "refund-" + dealB;
        await().atMost(Duration.ofSeconds(30)).until(() -> refundDue(refundId) != null);
        assertThat(refundDue(refundId).path("amount").asString()).isEqualTo("80000.00");
        // R-FIN-4: paid out in two parts, each with its request id and voucher
        Map<String, Object> part = object("method", "TRANSFER", "reference", "SYS-REFUND-" + building, "payee", "冯小梅",
                "amount", "30000.00", "requestId", "sys-refund-part-" + dealB);
        gateway.post().uri("/api/finance/sites/{s}/refunds-due/{r}/payout", SITE, refundId).headers(h -> h.setBearerAuth(manager))
                .bodyValue(part).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:finance-only");
        assertThat(refundDue(refundId).path("paid").asString()).isEqualTo("0.00");

        JsonNode first = json(gateway.post().uri("/api/finance/sites/{s}/refunds-due/{r}/payout", SITE, refundId)
                .headers(h -> h.setBearerAuth(finance)).bodyValue(part).exchange().expectStatus().isCreated());
        assertThat(first.path("amount").asString()).isEqualTo("30000.00");
        // the cashier's retry: the first voucher, nothing paid twice
        assertThat(json(gateway.post().uri("/api/finance/sites/{s}/refunds-due/{r}/payout", SITE, refundId)
                .headers(h -> h.setBearerAuth(finance)).bodyValue(part).exchange().expectStatus().isOk()).path("voucherNo").asString())
                .isEqualTo(first.path("voucherNo").asString());
        assertThat(refundDue(refundId).path("status").asString()).isEqualTo("OPEN");
        assertThat(refundDue(refundId).path("remaining").asString()).isEqualTo("50000.00");

        Map<String, Object> rest = object("method", "TRANSFER", "reference", "SYS-REFUND-2-" + building, "payee", "冯小梅",
                "requestId", "sys-refund-rest-" + dealB);
        JsonNode voucher = json(gateway.post().uri("/api/finance/sites/{s}/refunds-due/{r}/payout", SITE, refundId)
                .headers(h -> h.setBearerAuth(finance)).bodyValue(rest).exchange().expectStatus().isCreated());
        String voucherNo = voucher.path("voucherNo").asString();
        assertThat(voucherNo).matches("FK-SH01-\\d{4}-\\d{6}").isNotEqualTo(first.path("voucherNo").asString());
        assertThat(voucher.path("amount").asString()).isEqualTo("50000.00");
        assertThat(voucher.path("paidBy").asString()).isEqualTo("sh01-finance");
        assertThat(refundDue(refundId).path("voucherNo").asString()).isEqualTo(voucherNo);
        assertThat(refundDue(refundId).path("status").asString()).isEqualTo("PAID");
        assertThat(refundDue(refundId).path("paid").asString()).isEqualTo("80000.00");
        JsonNode read = json(gateway.get().uri("/api/finance/sites/{s}/vouchers/{v}", SITE, voucherNo).headers(h -> h.setBearerAuth(finance))
                .exchange().expectStatus().isOk());
        assertThat(read.path("unitId").asString()).isEqualTo(unitB);

        // the desk's day lists the deal's receipts and the voucher
        JsonNode day = json(gateway.get().uri("/api/finance/sites/{s}/days/{d}", SITE, voucher.path("businessDay").asString())
                .headers(h -> h.setBearerAuth(finance)).exchange().expectStatus().isOk());
        assertThat(StreamSupport.stream(day.path("vouchers").spliterator(), false).map(v -> v.path("voucherNo").asString()))
                .contains(voucherNo, first.path("voucherNo").asString());
        assertThat(StreamSupport.stream(day.path("receipts").spliterator(), false).map(r -> r.path("receiptNo").asString()))
                .contains(depositReceiptA);
    }

    @Test
    @Order(8)
    @DisplayName("R-CUS-1 R-CUS-7 R-RPT-3 R-RPT-5 R-FIN-4 the customer's card and the reports show both ends: the contracted buyer an owner, the deal in 签约明细表 at the contract's price with its shares final; the refunded customer lost, the shares reversed; the rep's 回款 and the refund paid out as money out")
    void theCardAndTheReports() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode owner = json(get("/api/customers/sites/" + SITE + "/customers/" + customerA + "/card", rep));
            assertThat(owner.path("status").asString()).isEqualTo("OWNER");
            assertThat(StreamSupport.stream(owner.path("deals").spliterator(), false).map(d -> d.path("step").asString()))
                    .contains("BIG_DEPOSIT", "UNIT_CHANGED", "CONTRACT");
            JsonNode lost = json(get("/api/customers/sites/" + SITE + "/customers/" + customerB + "/card", rep));
            assertThat(lost.path("status").asString()).isEqualTo("LOST");
            assertThat(StreamSupport.stream(lost.path("deals").spliterator(), false).map(d -> d.path("step").asString())).contains("REFUND");
        });

        String today = LocalDate.now(ZONE).toString();
        String price = unit(dearer).path("sale").path("price").asString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode contracts = json(get("/api/reports/sites/" + SITE + "/registers/contracts?from=" + today + "&to=" + today + "&size=500", manager));
            JsonNode signed = registerRow(contracts, building + "-102");
            assertThat(signed.path("price").decimalValue()).isEqualByComparingTo(price);
            assertThat(signed.path("contractNo").asString()).isNotBlank();
            JsonNode big = json(get("/api/reports/sites/" + SITE + "/registers/big-deposits?from=" + today + "&to=" + today + "&size=500", manager));
            assertThat(registerRow(big, building + "-102").path("credit").asString()).contains("确定");
            assertThat(registerRow(big, building + "-103").path("credit").asString()).contains("已冲回");

            JsonNode bonus = json(get("/api/reports/sites/" + SITE + "/forms/bonus?period=MONTH&date=" + today, manager));
            JsonNode mine = byUser(bonus, "byRep", REP);
            assertThat(mine.path("finalDeals").asInt()).isPositive();
            assertThat(mine.path("reversedDeals").asInt()).isPositive();
            // 回款: both deposits and the part of the down payment, at least (the rep may have sold more today); money out: the refund
            JsonNode targets = json(get("/api/reports/sites/" + SITE + "/forms/targets?month=" + today.substring(0, 7), manager));
            assertThat(byUser(targets, "byRep", REP).path("collected").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("500000.00"));
            JsonNode refunded = StreamSupport.stream(table(targets, "money").path("rows").spliterator(), false)
                    .filter(r -> r.path("item").asString().equals("已退款（元）")).findFirst().orElseThrow();
            assertThat(refunded.path("value").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("80000.00"));
        });
    }

    private static JsonNode table(JsonNode report, String key) {
        return StreamSupport.stream(report.path("tables").spliterator(), false).filter(t -> t.path("key").asString().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no table " + key));
    }

    private static JsonNode registerRow(JsonNode register, String unitLabel) {
        return StreamSupport.stream(table(register, "rows").path("rows").spliterator(), false)
                .filter(r -> r.path("unit").asString().equals(unitLabel)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + unitLabel));
    }

    private static JsonNode byUser(JsonNode report, String key, String userId) {
        return StreamSupport.stream(table(report, key).path("rows").spliterator(), false)
                .filter(r -> r.path("userId").asString().equals(userId)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + userId));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void unit(String number, String area, String price) {
        gateway.post().uri("/api/deals/sites/{s}/buildings/{b}/units", SITE, building).headers(h -> h.setBearerAuth(manager))
                .bodyValue(object("number", number, "floor", 1, "layout", "两室两厅", "area", new BigDecimal(area), "listPrice", price, "orientation", "南",
                        "grade", "B")).exchange().expectStatus().isCreated();
    }

    /** A call the rep took: the caller becomes the rep's customer (R-REC-3). */
    private static String call(String phone, String name) {
        JsonNode call = json(gateway.post().uri("/api/reception/sites/{s}/calls", SITE).headers(h -> h.setBearerAuth(rep))
                .bodyValue(object("requestId", "sys-ad-" + UUID.randomUUID(), "phone", phone, "name", name)).exchange().expectStatus().isCreated());
        assertThat(call.path("ownerRep").asString()).isEqualTo(REP);
        return call.path("customerId").asString();
    }

    /** The rep holds the unit once deal-service has heard of the customer, and asks for a big deposit; the request's id. */
    private static String bigDeposit(String unitId, String customerId, String buyer, String phone) {
        String path = "/api/deals/sites/" + SITE + "/units/" + unitId;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> gateway.post().uri(path + "/hold")
                .headers(h -> h.setBearerAuth(rep)).bodyValue(object("customerId", customerId)).exchange()
                .returnResult(String.class).getStatus().value() == 201);
        JsonNode requested = json(gateway.post().uri(path + "/deposit-request").headers(h -> h.setBearerAuth(rep))
                .bodyValue(object("kind", "BIG", "amount", DEPOSIT, "buyer", object("name", buyer, "phone", phone,
                        "address", "上海市浦东新区滨江大道2889弄8号", "postcode", "200120")))
                .exchange().expectStatus().isCreated());
        return requested.path("request").path("requestId").asString();
    }

    /** FINANCE confirms the deposit once the desk's queue shows it; the receipt's number. */
    private static String confirm(String requestId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(json(get("/api/finance/sites/SH01/deposit-requests", finance))
                .spliterator(), false).anyMatch(item -> item.path("requestId").asString().equals(requestId)));
        return json(gateway.post().uri("/api/finance/deposit-requests/{id}/confirmation", requestId).headers(h -> h.setBearerAuth(finance))
                .bodyValue(object("amount", DEPOSIT, "method", "TRANSFER", "reference", "SYS-" + requestId.substring(0, 8)))
                .exchange().expectStatus().isCreated()).path("receiptNo").asString();
    }

    /** Each unit of the test's building and its status on the board. */
    private static Map<String, String> statuses() {
        JsonNode board = json(get("/api/deals/sites/" + SITE + "/buildings/" + building + "/board", manager));
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        board.path("floors").forEach(f -> f.path("units").forEach(u -> statuses.put(u.path("id").asString(), u.path("status").asString())));
        return statuses;
    }

    private static JsonNode unit(String unitId) {
        return json(get("/api/deals/sites/" + SITE + "/units/" + unitId, manager));
    }

    private static JsonNode receipt(String receiptNo) {
        return json(get("/api/finance/sites/" + SITE + "/receipts/" + receiptNo, finance));
    }

    private static JsonNode dues(String dealId) {
        return json(get("/api/finance/sites/" + SITE + "/dues?dealId=" + dealId, finance));
    }

    private static JsonNode due(String dueId) {
        return json(get("/api/finance/sites/" + SITE + "/dues/" + dueId, finance));
    }

    private static JsonNode feeDue() {
        return StreamSupport.stream(dues(dealA).spliterator(), false).filter(d -> d.path("kind").asString().equals("TRANSFER_FEE"))
                .findFirst().orElse(null);
    }

    private static JsonNode refundDue(String refundId) {
        return StreamSupport.stream(json(get("/api/finance/sites/" + SITE + "/refunds-due", finance)).spliterator(), false)
                .filter(r -> r.path("refundId").asString().equals(refundId)).findFirst().orElse(null);
    }

    private static WebTestClient.ResponseSpec get(String path, String token) {
        return gateway.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
    }

    private static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JSON.readTree(body == null ? "null" : new String(body, StandardCharsets.UTF_8));
    }
}
