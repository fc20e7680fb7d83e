package io.anchang.finance;

import io.anchang.platform.events.Topics;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** R-SEC-2, R-FIN-1, R-FIN-2 at the finance desk, over the wire with tokens of every role. */
class FinanceDeskIntegrationTest extends FinanceIntegrationBase {

    static final String SITE = "FN01";
    static final String OTHER = "FN02";
    static final int YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();

    @Test
    @DisplayName("R-SEC-2 SALES, MANAGER, HEAD_OFFICE, SALES_CONTROL and ADMIN recording money are refused by finance-service and audited with who tried")
    void onlyFinanceRecordsMoney() {
        String requestId = requested(SITE, SITE + "-A-101", "SMALL", "20000", "3000000");
        Map<String, String> tokens = Map.of(
                "rep-" + SITE, token("rep-" + SITE, "SALES", SITE),
                "mgr-" + SITE, manager(SITE),
                "hq-analyst", token("hq-analyst", "HEAD_OFFICE", "HQ"),
                "ctl-" + SITE, token("ctl-" + SITE, "SALES_CONTROL", SITE),
                "admin", token("admin", "ADMIN", SITE));
        tokens.forEach((user, token) -> confirm(token, requestId, payment("20000")).expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json").expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:finance-only")
                .jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("只有财务可以收款")));
        // even with no body at all the attempt is refused and recorded, never a 400 that hides it
        web.post().uri("/api/finance/deposit-requests/{id}/confirmation", requestId)
                .headers(h -> h.setBearerAuth(token("rep-" + SITE, "SALES", SITE))).exchange().expectStatus().isForbidden();

        List<Map<String, Object>> audit = audit(SITE);
        List<Map<String, Object>> refused = audit.stream().filter(e -> "security.payment-refused".equals(e.get("action"))
                && requestId.equals(e.get("subject"))).toList();
        assertThat(refused).extracting(e -> e.get("actor")).containsAll(tokens.keySet());
        assertThat(refused).allSatisfy(e -> assertThat((String) e.get("reason")).contains("R-SEC-2"));
        queued(SITE, requestId, true);
    }

    @Test
    @DisplayName("R-SEC-1 FINANCE of one site cannot confirm another site's deposit: 404, nothing changed")
    void financeOfAnotherSiteCannotTouchIt() {
        String requestId = requested(SITE, SITE + "-A-102", "SMALL", "20000", "3000000");
        confirm(finance(OTHER), requestId, payment("20000")).expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:deposit-request-unknown");
        web.get().uri("/api/finance/sites/{s}/deposit-requests", SITE).headers(h -> h.setBearerAuth(finance(OTHER)))
                .exchange().expectStatus().isForbidden();
        queued(SITE, requestId, true);
    }

    @Test
    @DisplayName("R-FIN-1 R-FIN-2 FINANCE confirms a queued deposit: a receipt, the confirmation published once; confirming again is refused")
    void financeConfirmsOnce() throws IOException {
        String requestId = requested(SITE, SITE + "-A-103", "BIG", "200000", "2970000");
        web.get().uri("/api/finance/sites/{s}/deposit-requests", SITE).headers(h -> h.setBearerAuth(finance(SITE))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.requestId == '" + requestId + "')].unitLabel").isEqualTo(List.of("A-103"))
                .jsonPath("$[?(@.requestId == '" + requestId + "')].customerName").isEqualTo(List.of("王先生"))
                .jsonPath("$[?(@.requestId == '" + requestId + "')].repName").isEqualTo(List.of("张伟"))
                .jsonPath("$[?(@.requestId == '" + requestId + "')].amountDue").isEqualTo(List.of("200000.00"))
                .jsonPath("$[?(@.requestId == '" + requestId + "')].secondsLeft").value(left ->
                        assertThat(((List<?>) left).get(0)).asString().isNotEqualTo("0"));

        Map<String, Object> receipt = confirm(finance(SITE), requestId, object("amount", 200000, "currency", "CNY",
                "method", "TRANSFER", "reference", "ICBC-778899")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String number = (String) receipt.get("receiptNo");
        assertThat(number).matches(SITE + "-" + YEAR + "-\\d{6}");
        assertThat(receipt.get("amountInWords")).isEqualTo("贰拾万元整");
        var confirmed = TopicProbe.events(Topics.FINANCE, "finance.deposit-confirmed", p -> requestId.equals(p.path("requestId").asString()));
        assertThat(confirmed).hasSize(1);
        assertThat(confirmed.get(0).path("payload").path("receiptNo").asString()).isEqualTo(number);
        assertThat(confirmed.get(0).path("payload").path("confirmedBy").asString()).isEqualTo("fin-" + SITE);
        queued(SITE, requestId, false);

        // issue 10: the same confirmation again (a retry) answers the first receipt; another payment is refused
        confirm(finance(SITE), requestId, object("amount", "200000.00", "currency", "CNY", "method", "TRANSFER", "reference", "ICBC-778899"))
                .expectStatus().isOk().expectBody().jsonPath("$.receiptNo").isEqualTo(number).jsonPath("$.alreadyConfirmed").isEqualTo(true);
        confirm(finance(SITE), requestId, payment("200000")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:deposit-already-confirmed")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains(number));
        assertThat(TopicProbe.events(Topics.FINANCE, "finance.deposit-confirmed", p -> requestId.equals(p.path("requestId").asString()))).hasSize(1);

        // R-FIN-6: the receipt prints with the amount in figures and capitals
        byte[] pdf = web.get().uri("/api/finance/sites/{s}/receipts/{n}/pdf", SITE, number).headers(h -> h.setBearerAuth(finance(SITE)))
                .exchange().expectStatus().isOk().expectHeader().contentType("application/pdf").expectBody().returnResult().getResponseBodyContent();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("收据", number, "¥200,000.00", "人民币贰拾万元整", "转账",
                    "ICBC-778899", "第一联 客户联", "A-103");
        }
    }

    @Test
    @DisplayName("bad confirmations — 0, negative, 3 decimals, another currency, more than the price, not the amount due, no method, an unknown request — get a problem detail and change nothing")
    void badConfirmationsAreRefused() {
        String requestId = requested(SITE, SITE + "-A-104", "SMALL", "20000", "30000");
        Map<Object, String> amounts = new java.util.LinkedHashMap<>();
        amounts.put("0", "amount-not-positive");
        amounts.put(-20000, "amount-not-positive");
        amounts.put("20000.001", "amount-too-precise");
        amounts.put(20000.005, "amount-too-precise");
        amounts.put("30000.01", "deposit-exceeds-price");
        amounts.put("19999.99", "amount-mismatch");
        amounts.put("twenty thousand", "amount-invalid");
        amounts.forEach((amount, type) -> confirm(finance(SITE), requestId, payment(amount)).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json").expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:" + type).jsonPath("$.correlationId").exists());
        confirm(finance(SITE), requestId, object("amount", "20000", "currency", "USD", "method", "CASH")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:currency-not-supported");
        confirm(finance(SITE), requestId, object("amount", "20000")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:payment-method-required");
        confirm(finance(SITE), requestId, object("amount", "20000", "method", "CHEQUE")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:payment-reference-required");
        confirm(finance(SITE), requestId, object("amount", "20000", "method", "BITCOIN")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("CASH"));
        confirm(finance(SITE), UUID.randomUUID().toString(), payment("20000")).expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:deposit-request-unknown");
        queued(SITE, requestId, true);
    }

    @Test
    @DisplayName("issue 9: amounts of 1E10000000 or 1E-200000000 yuan and a 100,000-character reference are refused at once with a short detail; nothing recorded")
    void hugeNumbersAndTextAreRefused() {
        String requestId = requested(SITE, SITE + "-A-107", "SMALL", "20000", "3000000");
        Map<Object, String> amounts = new java.util.LinkedHashMap<>();
        amounts.put("1E10000000", "amount-too-large");
        amounts.put("1E-200000000", "amount-too-precise");
        amounts.put("-1E10000000", "amount-too-large");
        amounts.put("10000000000.01", "amount-too-large");
        amounts.put("9".repeat(100_000), "invalid-input"); // longer than any number the JSON reader takes (issue 9)
        amounts.forEach((amount, type) -> confirm(finance(SITE), requestId, payment(amount)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:" + type)
                .jsonPath("$.detail").value(d -> assertThat((String) d).hasSizeLessThan(400)));
        confirm(finance(SITE), requestId, object("amount", "20000", "method", "TRANSFER", "reference", "R".repeat(100_000)))
                .expectStatus().isBadRequest();
        confirm(finance(SITE), requestId, object("amount", "20000", "method", "TRANSFER", "reference", "ICBC\u0000"))
                .expectStatus().isBadRequest();
        queued(SITE, requestId, true);
    }

    @Test
    @DisplayName("R-DEAL-2 a released hold cancels its queued request: the desk takes no money for it")
    void aReleasedHoldCancelsTheRequest() {
        String requestId = requested(SITE, SITE + "-A-105", "SMALL", "20000", "3000000");
        UUID released = TestEvents.publish(Topics.DEAL, "deal.unit-released", 1, SITE, SITE + "-A-105", object("unitId", SITE + "-A-105",
                "siteId", SITE, "unitLabel", "A-105", "holdId", "hold-" + requestId, "reason", "HOLD_LAPSED", "releasedBy", "system",
                "releasedAt", Instant.now().toString()), "it");
        SharedMongo.awaitConsumed(DATABASE, "finance-unit-released", released);
        queued(SITE, requestId, false);
        confirm(finance(SITE), requestId, payment("20000")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:deposit-request-cancelled");
    }

    @Test
    @DisplayName("R-FIN-2 a confirmation the deal rejects (the hold lapsed first) becomes a refund-due item instead of vanishing")
    void aRejectedDepositIsOwedBack() {
        String requestId = requested(SITE, SITE + "-A-106", "SMALL", "20000", "3000000");
        String number = (String) confirm(finance(SITE), requestId, payment("20000")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("receiptNo");
        TestEvents.publish(Topics.DEAL, "deal.deposit-rejected", 1, SITE, requestId, object("requestId", requestId, "siteId", SITE,
                "unitId", SITE + "-A-106", "unitLabel", "A-106", "receiptNo", number, "amount", new BigDecimal("20000.00"),
                "reason", "HOLD_GONE", "rejectedAt", Instant.now().toString()), "it");
        await().untilAsserted(() -> web.get().uri("/api/finance/sites/{s}/refunds-due", SITE).headers(h -> h.setBearerAuth(finance(SITE)))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.requestId == '" + requestId + "')].receiptNo").isEqualTo(List.of(number))
                .jsonPath("$[?(@.requestId == '" + requestId + "')].amount").isEqualTo(List.of("20000.00")));
        assertThat(TopicProbe.events(Topics.FINANCE, "finance.refund-due-opened", p -> requestId.equals(p.path("requestId").asString()))).hasSize(1);
    }

    private void queued(String site, String requestId, boolean expected) {
        List<?> queue = web.get().uri("/api/finance/sites/{s}/deposit-requests", site).headers(h -> h.setBearerAuth(finance(site)))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(queue.stream().anyMatch(item -> String.valueOf(item).contains(requestId))).isEqualTo(expected);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audit(String site) {
        return web.get().uri("/api/finance/sites/{s}/audit?limit=1000", site).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }
}
