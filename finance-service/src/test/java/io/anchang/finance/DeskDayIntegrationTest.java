package io.anchang.finance;

import io.anchang.platform.events.Topics;
import io.anchang.finance.application.WatchingArrears;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The finance desk's day after the deposits (issue 13), over the wire with the tokens of each role and
 * deal-service's events as it publishes them: what is due from a contract's terms (R-FIN-3), payments with
 * receipts, overdue and breach found in the site's calendar on a clock the test sets (R-DEAL-9), mortgages
 * (R-FIN-7), voids and reversing entries (R-FIN-1, R-FIN-7), payouts with vouchers (R-FIN-4), the day close
 * and the cash report (R-FIN-5), and money refused to everyone but FINANCE (R-SEC-2).
 */
class DeskDayIntegrationTest extends FinanceIntegrationBase {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    WatchingArrears arrears;

    private static LocalDate today() {
        return LocalDate.ofInstant(CLOCK.instant(), SHANGHAI);
    }

    /** deal-service's {@code deal.contract-signed} for a price of 3,000,000 with 200,000 paid and {@code terms}; answers the deal id. */
    private static String contract(String site, String unit, List<?> terms) {
        String dealId = "deal-" + UUID.randomUUID();
        UUID event = TestEvents.publish(Topics.DEAL, "deal.contract-signed", 1, site, unit, object("dealId", dealId, "siteId", site,
                "unitId", unit, "unitLabel", unit.substring(site.length() + 1), "customerId", "c-1", "buyerName", "王小明",
                "repUserId", site + "-rep1", "repName", "张伟", "contractId", "k-" + dealId, "price", new BigDecimal("3000000.00"),
                "deposits", new BigDecimal("200000.00"), "terms", terms, "signedOn", today().toString(),
                "contractDueOn", today().plusDays(10).toString(), "late", false, "shares", list(), "signedBy", site + "-rep1",
                "signedAt", Instant.now().toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "finance-contract-signed", event);
        return dealId;
    }

    private static Map<String, Object> term(int no, String kind, String amount, LocalDate dueOn) {
        return object("no", no, "kind", kind, "amount", new BigDecimal(amount), "dueOn", dueOn.toString());
    }

    private static List<?> schedule() {
        return list(term(1, "DOWN_PAYMENT", "800000.00", today().plusDays(7)), term(2, "INSTALMENT", "500000.00", today().plusMonths(1)),
                term(3, "INSTALMENT", "500000.00", today().plusMonths(2)), term(4, "MORTGAGE", "1000000.00", today().plusMonths(2)));
    }

    private List<Map<String, Object>> dues(String site, String dealId) {
        return web.get().uri("/api/finance/sites/{s}/dues?dealId={d}", site, dealId).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }

    private Map<String, Object> due(String site, String dueId) {
        return web.get().uri("/api/finance/sites/{s}/dues/{d}", site, dueId).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec pay(String token, String site, String dueId, Object amount,
                                                                                     String method, String requestId) {
        return web.post().uri("/api/finance/sites/{s}/dues/{d}/payments", site, dueId).headers(h -> h.setBearerAuth(token))
                .bodyValue(object("amount", amount, "method", method, "reference", "CASH".equals(method) ? null : "BANK-" + requestId,
                        "requestId", requestId)).exchange();
    }

    private String receiptNo(String token, String site, String dueId, Object amount, String method) {
        Map<String, Object> receipt = pay(token, site, dueId, amount, method, UUID.randomUUID().toString()).expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        return (String) receipt.get("receiptNo");
    }

    // ---------------------------------------------------------------- R-FIN-3

    @Test
    @DisplayName("R-FIN-3 a contract's schedule gives the right amounts due, each announced; FINANCE records payments against them with receipts")
    void aScheduleGivesTheAmountsDue() {
        String site = "FD01";
        String dealId = contract(site, site + "-A-101", schedule());
        List<Map<String, Object>> dues = dues(site, dealId);
        assertThat(dues).extracting(d -> d.get("kind")).containsExactly("DOWN_PAYMENT", "INSTALMENT", "INSTALMENT", "MORTGAGE");
        assertThat(dues).extracting(d -> d.get("amount")).containsExactly("800000.00", "500000.00", "500000.00", "1000000.00");
        assertThat(dues).extracting(d -> d.get("dueOn")).containsExactly(today().plusDays(7).toString(), today().plusMonths(1).toString(),
                today().plusMonths(2).toString(), today().plusMonths(2).toString());
        assertThat(dues.stream().map(d -> new BigDecimal((String) d.get("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("2800000"); // with the 200,000 paid: the price
        assertThat(TopicProbe.events(Topics.FINANCE, "finance.payment-due", p -> dealId.equals(p.path("dealId").asString()))).hasSize(4);
        assertThat(dues.get(0).get("outstandingInWords")).isEqualTo("捌拾万元整");

        String down = dealId + ":1";
        // bad input: more than is outstanding — refused, nothing changed
        pay(finance(site), site, down, "800000.01", "TRANSFER", "x1").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:payment-exceeds-due");
        String first = receiptNo(finance(site), site, down, "300000.00", "TRANSFER");
        assertThat(first).matches(site + "-\\d{4}-\\d{6}");
        assertThat(due(site, down)).containsEntry("outstanding", "500000.00").containsEntry("status", "OPEN");
        // the same payment sent again (same requestId) is the first receipt, not a second payment
        pay(finance(site), site, down, "500000.00", "CASH", "rest").expectStatus().isCreated();
        pay(finance(site), site, down, "500000.00", "CASH", "rest").expectStatus().isOk().expectBody().jsonPath("$.alreadyConfirmed").isEqualTo(true);
        assertThat(due(site, down)).containsEntry("outstanding", "0.00").containsEntry("status", "PAID");
        JsonNode settled = TopicProbe.events(Topics.FINANCE, "finance.payment-recorded", p -> down.equals(p.path("dueId").asString())
                && p.path("settled").asBoolean()).get(0).path("payload");
        assertThat(settled.path("amount").decimalValue()).isEqualByComparingTo("500000");
        assertThat(settled.path("dealId").asString()).isEqualTo(dealId);
        assertThat(settled.path("businessDay").asString()).isEqualTo(today().toString());
    }

    @Test
    @DisplayName("R-FIN-1 R-SEC-2 a payment's requestId reused for another amount, method or cashier is refused 409 request-id-reused and nothing is recorded; the true repeat still answers the first receipt")
    void aPaymentsRequestIdReusedForAnotherPaymentIsRefused() {
        String site = "FD12";
        String dealId = contract(site, site + "-A-112", schedule());
        String down = dealId + ":1";
        Map<String, Object> first = pay(finance(site), site, down, "300000.00", "TRANSFER", "reused-1").expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        String firstNo = (String) first.get("receiptNo");
        Map<String, Object> before = due(site, down);
        assertThat(before).containsEntry("outstanding", "500000.00");

        for (var reused : List.of(pay(finance(site), site, down, "200000.00", "TRANSFER", "reused-1"),
                pay(finance(site), site, down, "300000.00", "CASH", "reused-1"),
                pay(token("fin2-" + site, "FINANCE", site), site, down, "300000.00", "TRANSFER", "reused-1"))) {
            reused.expectStatus().isEqualTo(409).expectHeader().contentType("application/problem+json").expectBody()
                    .jsonPath("$.type").isEqualTo("urn:anchang:problem:request-id-reused")
                    .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).startsWith("这个请求编号已用于另一笔不同的收款"));
        }
        assertThat(due(site, down)).as("nothing recorded by the refused payments").isEqualTo(before);
        assertThat(day(site, today().toString())).containsEntry("receiptCount", 1);

        // the true repeat: the first receipt, as before
        pay(finance(site), site, down, "300000.00", "TRANSFER", "reused-1").expectStatus().isOk().expectBody()
                .jsonPath("$.receiptNo").isEqualTo(firstNo).jsonPath("$.alreadyConfirmed").isEqualTo(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> !TopicProbe.events(Topics.FINANCE, "finance.payment-recorded",
                p -> down.equals(p.path("dueId").asString())).isEmpty());
        assertThat(TopicProbe.events(Topics.FINANCE, "finance.payment-recorded", p -> down.equals(p.path("dueId").asString())))
                .as("one payment announced").hasSize(1);
    }

    // ---------------------------------------------------------------- R-FIN-3, R-DEAL-9

    @Test
    @DisplayName("R-FIN-3 R-DEAL-9 an instalment unpaid after its day is overdue, and past breachMonths a breach, each announced once; a reminder notice prints in capitals")
    void anInstalmentUnpaidPastBreachMonthsIsABreach() throws IOException {
        String site = "FD02";
        String dealId = contract(site, site + "-A-101", schedule());
        String instalment = dealId + ":2";
        LocalDate dueOn = today().plusMonths(1);
        Instant onTheDay = dueOn.atTime(23, 0).atZone(SHANGHAI).toInstant();
        CLOCK.set(onTheDay);
        arrears.check(onTheDay).block();
        assertThat(overdue(instalment)).isEmpty();

        Instant dayAfter = dueOn.plusDays(1).atTime(9, 0).atZone(SHANGHAI).toInstant();
        CLOCK.set(dayAfter);
        arrears.check(dayAfter).block();
        List<JsonNode> announced = overdue(instalment);
        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).path("payload").path("breach").asBoolean()).isFalse();
        assertThat(announced.get(0).path("payload").path("daysOverdue").asLong()).isEqualTo(1);
        web.get().uri("/api/finance/sites/{s}/dues?overdue=true", site).headers(h -> h.setBearerAuth(manager(site))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.dueId == '" + instalment + "')].daysOverdue").isEqualTo(List.of(1));

        // R-FIN-6: the reminder notice (催款通知单) with the amount in capitals
        byte[] pdf = web.get().uri("/api/finance/sites/{s}/dues/{d}/reminder.pdf", site, instalment).headers(h -> h.setBearerAuth(finance(site)))
                .exchange().expectStatus().isOk().expectHeader().contentType("application/pdf").expectBody().returnResult().getResponseBodyContent();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("催款通知单", "王小明", "A-101", "分期款", "尚欠金额¥500,000.00（人民币伍拾万元整）", "已逾期1天", "逾期超过2个月");
        }

        // exactly breachMonths later it is not a breach yet; the day after, it is — once
        Instant twoMonths = dueOn.plusMonths(2).atTime(12, 0).atZone(SHANGHAI).toInstant();
        CLOCK.set(twoMonths);
        arrears.check(twoMonths).block();
        assertThat(overdue(instalment)).hasSize(1);
        Instant past = dueOn.plusMonths(2).plusDays(1).atTime(12, 0).atZone(SHANGHAI).toInstant();
        CLOCK.set(past);
        arrears.check(past).block();
        arrears.check(past.plus(Duration.ofHours(1))).block();
        List<JsonNode> again = overdue(instalment);
        assertThat(again).hasSize(2);
        assertThat(again).filteredOn(e -> e.path("payload").path("breach").asBoolean()).hasSize(1);
        assertThat(again.get(1).path("payload").path("breachMonths").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("R-FIN-3 overdue is judged in the site's own time zone: a New York due on its day is not overdue though Shanghai's calendar is a day ahead")
    void overdueInTheSitesTimeZone() {
        String site = "FD03";
        ZoneId newYork = ZoneId.of("America/New_York");
        siteIn(site, "America/New_York");
        LocalDate dueOn = LocalDate.now(newYork).plusDays(3);
        String dealId = contract(site, site + "-A-101", list(term(1, "DOWN_PAYMENT", "2800000.00", dueOn)));
        Instant lateEvening = dueOn.atTime(22, 0).atZone(newYork).toInstant(); // already dueOn+1 in Shanghai
        CLOCK.set(lateEvening);
        arrears.check(lateEvening).block();
        Instant nextMorning = dueOn.plusDays(1).atTime(8, 0).atZone(newYork).toInstant();
        CLOCK.set(nextMorning);
        arrears.check(nextMorning).block();
        List<JsonNode> announced = overdue(dealId + ":1");
        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).path("payload").path("detectedOn").asString()).isEqualTo(dueOn.plusDays(1).toString());
    }

    private static List<JsonNode> overdue(String dueId) {
        try {
            return TopicProbe.events(Topics.FINANCE, "finance.payment-overdue", p -> dueId.equals(p.path("dueId").asString()));
        } catch (org.awaitility.core.ConditionTimeoutException none) {
            return List.of();
        }
    }

    @Test
    @DisplayName("R-FIN-6 R-FIN-1 a receipt's PDF shows the time it was taken on the site's clock: 22:30 in New York, not 11:30 the next day in Shanghai")
    void receiptTimesInTheSitesTimeZone() throws IOException {
        String site = "FD11";
        ZoneId newYork = ZoneId.of("America/New_York");
        Map<String, Object> profile = object("code", site, "name", "测试案场 " + site, "timeZone", "America/New_York", "revision", 1,
                "staff", list(object("userId", "mgr-" + site, "name", "王经理", "role", "MANAGER", "active", true),
                        object("userId", "fin-" + site, "name", "赵会计", "role", "FINANCE", "active", true)), "policies", list());
        TestEvents.publish(Topics.RECEPTION, "reception.site-profile-changed", 1, site, site, object("site", profile, "change", "REGISTERED"),
                "it-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/finance/sites/{s}/profile", site)
                .headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk());
        LocalDate evening = LocalDate.now(newYork).plusDays(1);
        String dealId = contract(site, site + "-A-101", list(term(1, "DOWN_PAYMENT", "2800000.00", evening.plusDays(30))));
        CLOCK.set(evening.atTime(22, 30).atZone(newYork).toInstant()); // 11:30 of the next day in Shanghai
        String receipt = receiptNo(finance(site), site, dealId + ":1", "1000.00", "CASH");
        byte[] pdf = web.get().uri("/api/finance/sites/{s}/receipts/{n}/pdf", site, receipt).headers(h -> h.setBearerAuth(finance(site)))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBodyContent();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(evening.getYear() + "年" + evening.getMonthValue() + "月" + evening.getDayOfMonth() + "日 22:30")
                    .doesNotContain("11:30");
        }
    }

    private void siteIn(String site, String zone) {
        Map<String, Object> profile = object("code", site, "name", "测试案场 " + site, "timeZone", zone, "revision", 1,
                "staff", list(object("userId", "mgr-" + site, "name", "王经理", "role", "MANAGER", "active", true)), "policies", list());
        TestEvents.publish(Topics.RECEPTION, "reception.site-profile-changed", 1, site, site, object("site", profile, "change", "REGISTERED"),
                "it-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/finance/sites/{s}/profile", site)
                .headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk());
    }

    // ---------------------------------------------------------------- R-FIN-7 mortgage

    @Test
    @DisplayName("R-FIN-7 a mortgage is applied for, approved, and the loan paid out is recorded by FINANCE as a payment")
    void aMortgageFromApplicationToLoan() {
        String site = "FD04";
        String dealId = contract(site, site + "-A-101", schedule());
        String path = "/api/finance/sites/{s}/mortgages/{d}/progress";
        web.post().uri(path, site, dealId).headers(h -> h.setBearerAuth(finance(site))).bodyValue(object("stage", "APPROVED", "amount", "1000000"))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:mortgage-step-invalid");
        web.post().uri(path, site, dealId).headers(h -> h.setBearerAuth(finance(site))).bodyValue(object("stage", "APPLIED", "bank", "中国建设银行"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.stage").isEqualTo("APPLIED");
        web.post().uri(path, site, dealId).headers(h -> h.setBearerAuth(finance(site))).bodyValue(object("stage", "APPROVED", "amount", "1000000.01"))
                .exchange().expectStatus().isBadRequest();
        web.post().uri(path, site, dealId).headers(h -> h.setBearerAuth(finance(site))).bodyValue(object("stage", "APPROVED", "amount", "1000000"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.stage").isEqualTo("APPROVED").jsonPath("$.approved").isEqualTo("1000000.00");
        String loan = receiptNo(finance(site), site, dealId + ":4", "1000000.00", "TRANSFER");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/finance/sites/{s}/mortgages", site)
                .headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.dealId == '" + dealId + "')].stage").isEqualTo(List.of("LOAN_PAID")));
        assertThat(TopicProbe.events(Topics.FINANCE, "finance.mortgage-progressed", p -> dealId.equals(p.path("dealId").asString())))
                .extracting(e -> e.path("payload").path("step").asString()).contains("APPLIED", "APPROVED", "LOAN_PAID");
        assertThat(loan).startsWith(site);
    }

    // ---------------------------------------------------------------- R-FIN-1, R-FIN-5, R-FIN-7

    @Test
    @DisplayName("R-FIN-1 a receipt is voided with a reason, keeping its number, and its amount is due again; a void without a reason or of a deposit is refused")
    void aReceiptIsVoidedNeverDeleted() {
        String site = "FD05";
        String dealId = contract(site, site + "-A-101", schedule());
        String down = dealId + ":1";
        String receipt = receiptNo(finance(site), site, down, "800000.00", "CASH");
        String path = "/api/finance/sites/{s}/receipts/{n}/void";
        web.post().uri(path, site, receipt).headers(h -> h.setBearerAuth(finance(site))).bodyValue(object()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:reason-required");
        web.post().uri(path, site, receipt).headers(h -> h.setBearerAuth(finance(site))).bodyValue(object("reason", "收款方式录错，应为转账")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.receiptNo").isEqualTo(receipt).jsonPath("$.voided").isEqualTo(true)
                .jsonPath("$.voidReason").isEqualTo("收款方式录错，应为转账");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(due(site, down)).containsEntry("outstanding", "800000.00")
                .containsEntry("status", "OPEN"));
        web.get().uri("/api/finance/sites/{s}/receipts/{n}", site, receipt).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.voided").isEqualTo(true);

        String requestId = requested(site, site + "-A-102", "SMALL", "20000", "3000000");
        String deposit = (String) confirm(finance(site), requestId, payment("20000")).expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("receiptNo");
        web.post().uri(path, site, deposit).headers(h -> h.setBearerAuth(finance(site))).bodyValue(object("reason", "x")).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:deposit-receipt-not-voidable");
    }

    @Test
    @DisplayName("R-FIN-5 R-FIN-7 R-FIN-4 the cash report equals the day's receipts less its vouchers by method; after the day close nothing is booked on it, a void is refused, a reversing entry on a later day corrects it")
    void theDayCloseAndTheCashReport() throws IOException {
        String site = "FD06";
        String dealId = contract(site, site + "-A-101", schedule());
        String r1 = receiptNo(finance(site), site, dealId + ":1", "300000.00", "TRANSFER");
        String r2 = receiptNo(finance(site), site, dealId + ":1", "12345.67", "CASH");
        String r3 = receiptNo(finance(site), site, dealId + ":2", "500000.00", "CARD");
        String voided = receiptNo(finance(site), site, dealId + ":3", "1000.00", "CASH");
        web.post().uri("/api/finance/sites/{s}/receipts/{n}/void", site, voided).headers(h -> h.setBearerAuth(finance(site)))
                .bodyValue(object("reason", "重复收款")).exchange().expectStatus().isOk();
        // a refund owed (a MANAGER approved it at deal-service), paid out with a voucher
        UUID refunded = TestEvents.publish(Topics.DEAL, "deal.refunded", 1, site, site + "-A-109", object("approvalId", "ap-1", "dealId", "deal-r-" + site,
                "siteId", site, "unitId", site + "-A-109", "unitLabel", "A-109", "customerId", "c-9", "paid", new BigDecimal("20000"),
                "refundAmount", new BigDecimal("15000.00"), "forfeited", new BigDecimal("5000.00"), "receipts", list("X-1"), "retentionTalk", "谈过",
                "reason", "同意", "shares", list(), "approvedBy", "mgr-" + site, "refundedAt", Instant.now().toString()), "it");
        SharedMongo.awaitConsumed(DATABASE, "finance-refunded", refunded);
        String voucher = (String) web.post().uri("/api/finance/sites/{s}/refunds-due/{r}/payout", site, "refund-deal-r-" + site)
                .headers(h -> h.setBearerAuth(finance(site))).bodyValue(object("method", "CASH", "payee", "钱女士")).exchange()
                .expectStatus().isCreated().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("voucherNo");
        assertThat(voucher).matches("FK-" + site + "-\\d{4}-\\d{6}");
        assertThat(TopicProbe.events(Topics.FINANCE, "finance.refund-paid", p -> voucher.equals(p.path("voucherNo").asString()))).hasSize(1);

        String day = today().toString();
        Map<String, Object> report = day(site, day);
        // R-FIN-5: received = the counted receipts, paid out = the vouchers, by method, and the net
        assertThat(report).containsEntry("received", "812345.67").containsEntry("paidOut", "15000.00").containsEntry("net", "797345.67")
                .containsEntry("receiptCount", 3).containsEntry("voucherCount", 1).containsEntry("status", "OPEN");
        assertThat(line(report, "CASH")).containsEntry("received", "12345.67").containsEntry("paidOut", "15000.00").containsEntry("net", "-2654.33");
        assertThat(line(report, "TRANSFER")).containsEntry("received", "300000.00");
        assertThat(line(report, "CARD")).containsEntry("received", "500000.00");
        @SuppressWarnings("unchecked") List<Map<String, Object>> receipts = (List<Map<String, Object>>) report.get("receipts");
        assertThat(receipts).extracting(r -> r.get("receiptNo")).contains(r1, r2, r3, voided);

        // R-FIN-7: the day close
        web.post().uri("/api/finance/sites/{s}/days/{d}/close", site, day).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.reconciled").isEqualTo(true)
                .jsonPath("$.received").isEqualTo("812345.67");
        web.post().uri("/api/finance/sites/{s}/days/{d}/close", site, day).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.alreadyClosed").isEqualTo(true);
        JsonNode closed = TopicProbe.events(Topics.FINANCE, "finance.day-closed", p -> site.equals(p.path("siteId").asString())).get(0).path("payload");
        assertThat(closed.path("net").decimalValue()).isEqualByComparingTo("797345.67");

        // bad input: a payment on the closed day, a void of its receipt — refused, nothing changed
        pay(finance(site), site, dealId + ":3", "100.00", "CASH", "late").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:day-closed");
        web.post().uri("/api/finance/sites/{s}/receipts/{n}/void", site, r2).headers(h -> h.setBearerAuth(finance(site)))
                .bodyValue(object("reason", "录错")).exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:day-closed");
        web.post().uri("/api/finance/sites/{s}/receipts/{n}/reversal", site, r2).headers(h -> h.setBearerAuth(finance(site)))
                .bodyValue(object("reason", "录错")).exchange().expectStatus().isEqualTo(409);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(due(site, dealId + ":3")).containsEntry("outstanding", "500000.00"));
        Map<String, Object> still = day(site, day);
        assertThat(still).containsEntry("received", "812345.67").containsEntry("reconciled", true);

        // the next day: a reversing entry corrects the closed day's receipt, booked on the new day
        CLOCK.set(Instant.now().plus(Duration.ofDays(1)));
        Map<String, Object> reversal = web.post().uri("/api/finance/sites/{s}/receipts/{n}/reversal", site, r2)
                .headers(h -> h.setBearerAuth(finance(site))).bodyValue(object("reason", "金额录错，红字冲销")).exchange()
                .expectStatus().isCreated().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        assertThat(reversal).containsEntry("amount", "-12345.67").containsEntry("kind", "REVERSAL").containsEntry("reverses", r2)
                .containsEntry("businessDay", today().toString());
        assertThat((String) reversal.get("amountInWords")).startsWith("负壹万贰仟叁佰肆拾伍元");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(due(site, dealId + ":1")).containsEntry("outstanding", "500000.00"));
        assertThat(day(site, day)).containsEntry("received", "812345.67").containsEntry("reconciled", true);
        assertThat(day(site, today().toString())).containsEntry("received", "-12345.67");

        // the report as PDF and as .xlsx
        byte[] pdf = web.get().uri("/api/finance/sites/{s}/days/{d}/cash-report.pdf", site, day).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBodyContent();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("现金日报表", "已日结", r1, voucher, "捌拾壹万贰仟叁佰肆拾伍元陆角柒分");
        }
        byte[] xlsx = web.get().uri("/api/finance/sites/{s}/days/{d}/cash-report.xlsx", site, day).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBodyContent();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheet("现金日报表").getRow(9).getCell(1).getNumericCellValue()).isEqualTo(812345.67);
            assertThat(book.getSheet("收据明细").getPhysicalNumberOfRows()).isEqualTo(5);
            assertThat(book.getSheet("付款凭证明细").getRow(1).getCell(0).getStringCellValue()).isEqualTo(voucher);
        }
    }

    @Test
    @DisplayName("R-FIN-7 R-FIN-4 a closed day's payment voucher is corrected by a reversing voucher on a later day — a new number, the negative amount, the refund owed again and paid out anew; on its own day a voucher is voided instead and its refund paid out anew")
    void aClosedDaysVoucherIsReversed() {
        String site = "FD10";
        UUID refunded = TestEvents.publish(Topics.DEAL, "deal.refunded", 1, site, site + "-A-109", object("approvalId", "ap-v", "dealId", "deal-v-" + site,
                "siteId", site, "unitId", site + "-A-109", "unitLabel", "A-109", "customerId", "c-9", "paid", new BigDecimal("20000"),
                "refundAmount", new BigDecimal("15000.00"), "forfeited", new BigDecimal("5000.00"), "receipts", list("X-1"), "retentionTalk", "谈过",
                "reason", "同意", "shares", list(), "approvedBy", "mgr-" + site, "refundedAt", Instant.now().toString()), "it");
        SharedMongo.awaitConsumed(DATABASE, "finance-refunded", refunded);
        String refundId = "refund-deal-v-" + site;
        String day = today().toString();
        String first = payOut(site, refundId, "CASH");

        // on its own day a voucher is voided, not reversed; the refund is owed again and paid out with a voucher of its own
        voucherAction(site, first, "reversal").expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:void-instead");
        voucherAction(site, first, "void").expectStatus().isOk().expectBody().jsonPath("$.voided").isEqualTo(true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(refund(site, refundId)).containsEntry("status", "OPEN"));
        String second = payOut(site, refundId, "TRANSFER");
        assertThat(second).isNotEqualTo(first).matches("FK-" + site + "-\\d{4}-\\d{6}");
        assertThat(refund(site, refundId)).containsEntry("status", "PAID").containsEntry("voucherNo", second);
        assertThat(day(site, day)).containsEntry("paidOut", "15000.00").containsEntry("voucherCount", 1);

        // the day closes: its voucher is neither voided nor reversed on it any more
        web.post().uri("/api/finance/sites/{s}/days/{d}/close", site, day).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isCreated();
        voucherAction(site, second, "void").expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:day-closed");

        // the next day: the reversing voucher, booked on it
        CLOCK.set(Instant.now().plus(Duration.ofDays(1)));
        Map<String, Object> reversal = voucherAction(site, second, "reversal").expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        String reversing = (String) reversal.get("voucherNo");
        assertThat(reversing).isNotIn(first, second).matches("FK-" + site + "-\\d{4}-\\d{6}");
        assertThat(reversal).containsEntry("amount", "-15000.00").containsEntry("reverses", second).containsEntry("reason", "REVERSAL")
                .containsEntry("businessDay", today().toString()).containsEntry("method", "TRANSFER");
        assertThat((String) reversal.get("amountInWords")).startsWith("负壹万伍仟元");
        voucherAction(site, second, "reversal").expectStatus().isOk().expectBody().jsonPath("$.voucherNo").isEqualTo(reversing)
                .jsonPath("$.alreadyPaid").isEqualTo(true);
        web.get().uri("/api/finance/sites/{s}/vouchers/{v}", site, second).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.reversedBy").isEqualTo(reversing).jsonPath("$.voided").isEqualTo(false);
        assertThat(TopicProbe.events(Topics.FINANCE, "finance.voucher-reversed", p -> second.equals(p.path("reverses").asString()))).hasSize(1);
        voucherAction(site, reversing, "reversal").expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:reversal-not-voidable");
        voucherAction(site, reversing, "void").expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:reversal-not-voidable");
        // the closed day stands as it was closed; the new day carries the negative amount
        assertThat(day(site, day)).containsEntry("paidOut", "15000.00").containsEntry("reconciled", true);
        assertThat(day(site, today().toString())).containsEntry("paidOut", "-15000.00");

        // the refund is owed again and paid out anew
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(refund(site, refundId)).containsEntry("status", "OPEN"));
        String third = payOut(site, refundId, "CASH");
        assertThat(third).isNotIn(first, second, reversing);
        assertThat(day(site, today().toString())).containsEntry("paidOut", "0.00").containsEntry("voucherCount", 2);
    }

    private String payOut(String site, String refundId, String method) {
        return (String) web.post().uri("/api/finance/sites/{s}/refunds-due/{r}/payout", site, refundId).headers(h -> h.setBearerAuth(finance(site)))
                .bodyValue(object("method", method, "reference", "CASH".equals(method) ? null : "BANK-" + UUID.randomUUID(), "payee", "钱女士"))
                .exchange().expectStatus().isCreated().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("voucherNo");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec voucherAction(String site, String voucherNo, String action) {
        return web.post().uri("/api/finance/sites/{s}/vouchers/{v}/" + action, site, voucherNo).headers(h -> h.setBearerAuth(finance(site)))
                .bodyValue(object("reason", "付款录错")).exchange();
    }

    private Map<String, Object> refund(String site, String refundId) {
        return web.get().uri("/api/finance/sites/{s}/refunds-due", site).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody().stream().filter(r -> refundId.equals(r.get("refundId"))).findFirst().orElseThrow();
    }

    private Map<String, Object> day(String site, String day) {
        return web.get().uri("/api/finance/sites/{s}/days/{d}", site, day).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(Map<String, Object> report, String method) {
        return ((List<Map<String, Object>>) report.get("byMethod")).stream().filter(l -> method.equals(l.get("method"))).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- R-DEAL-8, R-DEAL-9, R-DEAL-10 at the desk

    @Test
    @DisplayName("R-DEAL-8 R-FIN-4 a name change's transfer fee is due at the desk; paid in full it is announced settled for the name change")
    void aTransferFeeIsDueAndPaid() {
        String site = "FD07";
        String nameChangeId = "nc-" + UUID.randomUUID();
        UUID event = TestEvents.publish(Topics.DEAL, "deal.name-change-requested", 1, site, site + "-A-101", object("nameChangeId", nameChangeId,
                "dealId", "deal-" + nameChangeId, "siteId", site, "unitId", site + "-A-101", "unitLabel", "A-101", "fromName", "王小明",
                "toName", "赵大伟", "toPhoneMasked", "137****1111", "fee", new BigDecimal("30000.00"), "requestedBy", site + "-rep1",
                "requestedAt", Instant.now().toString()), "it");
        SharedMongo.awaitConsumed(DATABASE, "finance-name-change-requested", event);
        assertThat(due(site, "fee:" + nameChangeId)).containsEntry("kind", "TRANSFER_FEE").containsEntry("amount", "30000.00");
        receiptNo(finance(site), site, "fee:" + nameChangeId, "30000", "CASH");
        JsonNode paid = TopicProbe.events(Topics.FINANCE, "finance.payment-recorded", p -> ("fee:" + nameChangeId).equals(p.path("dueId").asString()))
                .get(0).path("payload");
        assertThat(paid.path("settled").asBoolean()).isTrue();
        assertThat(paid.path("subject").asString()).isEqualTo(nameChangeId);
        assertThat(paid.path("kind").asString()).isEqualTo("TRANSFER_FEE");
    }

    @Test
    @DisplayName("R-DEAL-9 a cancellation for breach cancels what is still due and owes back what the MANAGER ruled; a penalty is due")
    void aBreachRulingAtTheDesk() {
        String site = "FD08";
        String dealId = contract(site, site + "-A-101", schedule());
        UUID penalty = TestEvents.publish(Topics.DEAL, "deal.breach-ruled", 1, site, site + "-A-101", ruling(site, dealId, "b-1", "PENALTY", "5000", null), "it");
        SharedMongo.awaitConsumed(DATABASE, "finance-breach-ruled", penalty);
        assertThat(due(site, "penalty:b-1")).containsEntry("kind", "PENALTY").containsEntry("amount", "5000.00");
        UUID cancel = TestEvents.publish(Topics.DEAL, "deal.breach-ruled", 1, site, site + "-A-101", ruling(site, dealId, "b-2", "CANCELLATION", null, "100000"), "it");
        SharedMongo.awaitConsumed(DATABASE, "finance-breach-ruled", cancel);
        assertThat(dues(site, dealId)).allSatisfy(d -> assertThat(d.get("status")).isIn("CANCELLED", "PAID"));
        web.get().uri("/api/finance/sites/{s}/refunds-due", site).headers(h -> h.setBearerAuth(finance(site))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.refundId == 'breach-b-2')].amount").isEqualTo(List.of("100000.00"))
                .jsonPath("$[?(@.refundId == 'breach-b-2')].status").isEqualTo(List.of("OPEN"));
        pay(finance(site), site, dealId + ":2", "100", "CASH", "after").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:due-cancelled");
    }

    private static Map<String, Object> ruling(String site, String dealId, String breachId, String ruling, String penalty, String refund) {
        return object("breachId", breachId, "dealId", dealId, "siteId", site, "unitId", site + "-A-101", "unitLabel", "A-101", "customerId", "c-1",
                "ruling", ruling, "penalty", penalty == null ? null : new BigDecimal(penalty), "paid", new BigDecimal("200000"),
                "refundAmount", refund == null ? null : new BigDecimal(refund), "reason", "逾期", "shares", list(), "ruledBy", "mgr-" + site,
                "ruledAt", Instant.now().toString());
    }

    // ---------------------------------------------------------------- R-SEC-2

    @Test
    @DisplayName("R-SEC-2 R-FIN-4 a rep, a MANAGER and HEAD_OFFICE are each refused every money endpoint, a refund's payout in parts too (403, audited), and nothing changes")
    void onlyFinanceTouchesMoney() {
        String site = "FD09";
        String dealId = contract(site, site + "-A-101", schedule());
        String receipt = receiptNo(finance(site), site, dealId + ":1", "1000.00", "CASH");
        Map<String, String> people = Map.of(site + "-rep1", token(site + "-rep1", "SALES", site), "mgr-" + site, manager(site),
                "hq-analyst", token("hq-analyst", "HEAD_OFFICE", "HQ"));
        List<String[]> endpoints = List.of(
                new String[]{"/api/finance/sites/" + site + "/dues/" + dealId + ":1/payments", "{\"amount\":\"100\",\"method\":\"CASH\"}"},
                new String[]{"/api/finance/sites/" + site + "/receipts/" + receipt + "/void", "{\"reason\":\"x\"}"},
                new String[]{"/api/finance/sites/" + site + "/receipts/" + receipt + "/reversal", "{\"reason\":\"x\"}"},
                new String[]{"/api/finance/sites/" + site + "/refunds-due/any/payout", "{\"method\":\"CASH\",\"payee\":\"x\"}"},
                new String[]{"/api/finance/sites/" + site + "/refunds-due/any/payout", "{\"method\":\"CASH\",\"payee\":\"x\",\"amount\":\"1\",\"requestId\":\"part-1\"}"},
                new String[]{"/api/finance/sites/" + site + "/vouchers/any/void", "{\"reason\":\"x\"}"},
                new String[]{"/api/finance/sites/" + site + "/vouchers/any/reversal", "{\"reason\":\"x\"}"},
                new String[]{"/api/finance/sites/" + site + "/days/" + today() + "/close", "{}"},
                new String[]{"/api/finance/sites/" + site + "/mortgages/" + dealId + "/progress", "{\"stage\":\"APPLIED\",\"bank\":\"x\"}"});
        people.forEach((user, token) -> endpoints.forEach(e -> web.post().uri(e[0]).headers(h -> h.setBearerAuth(token))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(e[1]).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:finance-only")));
        List<Map<String, Object>> trail = web.get().uri("/api/finance/sites/{s}/audit?limit=1000", site).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
        List<Map<String, Object>> refused = trail.stream().filter(e -> "security.payment-refused".equals(e.get("action"))
                && String.valueOf(e.get("subject")).startsWith("/api/finance/sites/" + site)).toList();
        for (String user : people.keySet()) {
            assertThat(refused).filteredOn(e -> user.equals(e.get("actor"))).hasSize(endpoints.size());
        }
        assertThat(due(site, dealId + ":1")).containsEntry("paid", "1000.00");
        web.get().uri("/api/finance/sites/{s}/receipts/{n}", site, receipt).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.voided").isEqualTo(false);
        assertThat(day(site, today().toString())).containsEntry("status", "OPEN");
    }
}
