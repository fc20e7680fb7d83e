package io.anchang.finance;

import io.anchang.platform.events.Topics;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R-DEAL-10, R-FIN-4, R-FIN-5: a refund due paid out in parts over the wire with FINANCE's token — each payout with its
 * request id (a retry is the same payout), its voucher and its {@code finance.refund-paid}; never more than remains, not
 * even by payouts sent at once; a voided voucher's part owed again; and the day's cash report counting each part.
 */
class RefundPayoutsIntegrationTest extends FinanceIntegrationBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** deal-service's {@code deal.refunded}: a MANAGER approved refunding {@code amount}; answers the refund due's id. */
    private static String refundApproved(String site, String amount) {
        String dealId = "deal-" + UUID.randomUUID();
        UUID event = TestEvents.publish(Topics.DEAL, "deal.refunded", 1, site, site + "-A-109", object("approvalId", "ap-" + dealId, "dealId", dealId,
                "siteId", site, "unitId", site + "-A-109", "unitLabel", "A-109", "customerId", "c-9", "paid", new BigDecimal(amount),
                "refundAmount", new BigDecimal(amount), "forfeited", BigDecimal.ZERO, "receipts", list("X-1"), "retentionTalk", "谈过",
                "reason", "同意", "shares", list(), "approvedBy", "mgr-" + site, "refundedAt", Instant.now().toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "finance-refunded", event);
        return "refund-" + dealId;
    }

    private WebTestClient.ResponseSpec payOut(String site, String refundId, Object amount, String requestId) {
        return web.post().uri("/api/finance/sites/{s}/refunds-due/{r}/payout", site, refundId).headers(h -> h.setBearerAuth(finance(site)))
                .bodyValue(object("method", "TRANSFER", "reference", "BANK-" + requestId, "payee", "钱女士", "amount", amount, "requestId", requestId))
                .exchange();
    }

    private static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
        return spec.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
        }).returnResult().getResponseBody();
    }

    private Map<String, Object> refund(String site, String refundId) {
        return web.get().uri("/api/finance/sites/{s}/refunds-due", site).headers(h -> h.setBearerAuth(finance(site))).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody().stream().filter(r -> refundId.equals(r.get("refundId"))).findFirst().orElseThrow();
    }

    private Map<String, Object> day(String site) {
        return body(web.get().uri("/api/finance/sites/{s}/days/{d}", site, LocalDate.now(ZoneId.of("Asia/Shanghai")))
                .headers(h -> h.setBearerAuth(finance(site))).exchange().expectStatus().isOk());
    }

    @Test
    @DisplayName("R-FIN-4 R-SEC-2 a payout's requestId reused for another amount or payee is refused 409 request-id-reused and nothing is paid; the true repeat still answers the first voucher")
    void aPayoutsRequestIdReusedForAnotherPayoutIsRefused() {
        String site = "RP03";
        String refundId = refundApproved(site, "15000.00");
        Map<String, Object> first = body(payOut(site, refundId, "5000", "reused-1").expectStatus().isCreated());
        String firstNo = (String) first.get("voucherNo");

        payOut(site, refundId, "6000", "reused-1").expectStatus().isEqualTo(409).expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:request-id-reused")
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).startsWith("这个请求编号已用于另一笔不同的退款付款"));
        web.post().uri("/api/finance/sites/{s}/refunds-due/{r}/payout", site, refundId).headers(h -> h.setBearerAuth(finance(site)))
                .bodyValue(object("method", "TRANSFER", "reference", "BANK-reused-1", "payee", "孙先生", "amount", "5000", "requestId", "reused-1"))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:request-id-reused");

        Map<String, Object> unchanged = refund(site, refundId);
        assertThat(unchanged).containsEntry("paid", "5000.00").containsEntry("remaining", "10000.00");
        assertThat((List<?>) unchanged.get("payouts")).as("no second payout").hasSize(1);
        assertThat(day(site)).containsEntry("voucherCount", 1).containsEntry("paidOut", "5000.00");

        payOut(site, refundId, "5000", "reused-1").expectStatus().isOk().expectBody().jsonPath("$.voucherNo").isEqualTo(firstNo)
                .jsonPath("$.alreadyPaid").isEqualTo(true);
    }

    @Test
    @DisplayName("R-DEAL-10 R-FIN-4 R-FIN-5 a refund due is paid out in parts: each part its voucher and event, a retry with its requestId the first answer, more than remains a 400 with nothing changed, settled when fully paid, a voided part owed again")
    void aRefundIsPaidOutInParts() {
        String site = "RP01";
        String refundId = refundApproved(site, "15000.00");

        // the first part
        Map<String, Object> first = body(payOut(site, refundId, "5000", "part-1").expectStatus().isCreated());
        assertThat(first).containsEntry("amount", "5000.00").containsEntry("alreadyPaid", false);
        String firstNo = (String) first.get("voucherNo");
        assertThat(firstNo).matches("FK-" + site + "-\\d{4}-\\d{6}");
        assertThat(refund(site, refundId)).containsEntry("status", "OPEN").containsEntry("paid", "5000.00").containsEntry("remaining", "10000.00");

        // its retry (the answer never came): the first voucher, nothing paid twice
        payOut(site, refundId, "5000", "part-1").expectStatus().isOk().expectBody().jsonPath("$.voucherNo").isEqualTo(firstNo)
                .jsonPath("$.alreadyPaid").isEqualTo(true);
        assertThat(refund(site, refundId)).containsEntry("paid", "5000.00");

        // bad input: more than remains — a problem detail, nothing changed
        payOut(site, refundId, "10000.01", "part-2").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:payout-exceeds-refund").jsonPath("$.remaining").isEqualTo("10000.00");
        payOut(site, refundId, "-1", "part-2").expectStatus().isBadRequest();
        Map<String, Object> unchanged = refund(site, refundId);
        assertThat(unchanged).containsEntry("paid", "5000.00").containsEntry("remaining", "10000.00");
        assertThat((List<?>) unchanged.get("payouts")).hasSize(1);
        assertThat(day(site)).containsEntry("voucherCount", 1).containsEntry("paidOut", "5000.00");

        // the rest: settled
        Map<String, Object> rest = body(payOut(site, refundId, "10000.00", "part-2").expectStatus().isCreated());
        String restNo = (String) rest.get("voucherNo");
        assertThat(restNo).isNotEqualTo(firstNo);
        assertThat(refund(site, refundId)).containsEntry("status", "PAID").containsEntry("paid", "15000.00").containsEntry("remaining", "0.00")
                .containsEntry("voucherNo", restNo);
        payOut(site, refundId, "1", "part-3").expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:refund-paid");

        // each part announced through the outbox, once, with what was paid so far and what remains
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicProbe.events(Topics.FINANCE, "finance.refund-paid",
                p -> refundId.equals(p.path("refundId").asString())).size() >= 2);
        List<JsonNode> paid = TopicProbe.events(Topics.FINANCE, "finance.refund-paid", p -> refundId.equals(p.path("refundId").asString()));
        assertThat(paid).hasSize(2);
        JsonNode one = paid.stream().filter(e -> firstNo.equals(e.path("payload").path("voucherNo").asString())).findFirst().orElseThrow().path("payload");
        JsonNode two = paid.stream().filter(e -> restNo.equals(e.path("payload").path("voucherNo").asString())).findFirst().orElseThrow().path("payload");
        assertThat(one.path("amount").decimalValue()).isEqualByComparingTo("5000");
        assertThat(one.path("paidSoFar").decimalValue()).isEqualByComparingTo("5000");
        assertThat(one.path("remaining").decimalValue()).isEqualByComparingTo("10000");
        assertThat(one.path("settled").asBoolean()).isFalse();
        assertThat(one.path("requestId").asString()).isEqualTo("part-1");
        assertThat(one.path("dealId").asString()).isEqualTo(refundId.substring("refund-".length()));
        assertThat(two.path("paidSoFar").decimalValue()).isEqualByComparingTo("15000");
        assertThat(two.path("settled").asBoolean()).isTrue();
        assertThat(day(site)).containsEntry("voucherCount", 2).containsEntry("paidOut", "15000.00");

        // R-FIN-1: the first part's voucher voided — that part is owed again, the rest stays paid
        web.post().uri("/api/finance/sites/{s}/vouchers/{v}/void", site, firstNo).headers(h -> h.setBearerAuth(finance(site)))
                .bodyValue(object("reason", "收款人账号录错")).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(refund(site, refundId)).containsEntry("status", "OPEN")
                .containsEntry("paid", "10000.00").containsEntry("remaining", "5000.00"));
        JsonNode voided = TopicProbe.events(Topics.FINANCE, "finance.voucher-voided", p -> firstNo.equals(p.path("voucherNo").asString()))
                .get(0).path("payload");
        assertThat(voided.path("dealId").asString()).as("the reports take the part out of the deal's money").isEqualTo(refundId.substring("refund-".length()));
        payOut(site, refundId, "5000.01", "part-4").expectStatus().isBadRequest();
        payOut(site, refundId, "5000", "part-4").expectStatus().isCreated();
        assertThat(refund(site, refundId)).containsEntry("status", "PAID").containsEntry("remaining", "0.00");
        assertThat(day(site)).containsEntry("paidOut", "15000.00");
    }

    @Test
    @DisplayName("R-FIN-4 R-DEAL-10 payouts sent at once on one refund never pay out more than is owed (conditional update), and one request sent five times at once is paid once")
    void concurrentPayoutsNeverOverpay() {
        String site = "RP02";
        String refundId = refundApproved(site, "10000.00");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = finance(site);
        // 14 payouts of 1,000 at once on 10,000 owed, and one more request sent five times at once
        List<String> requests = new ArrayList<>(IntStream.range(0, 14).mapToObj(i -> "burst-" + i).toList());
        for (int i = 0; i < 5; i++) {
            requests.add("same");
        }
        List<CompletableFuture<HttpResponse<String>>> sent = requests.stream().map(id -> http.sendAsync(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/finance/sites/" + site + "/refunds-due/" + refundId + "/payout"))
                        .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1000.00\",\"method\":\"CASH\",\"payee\":\"钱女士\",\"requestId\":\"" + id + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString())).toList();
        Set<String> vouchers = new HashSet<>();
        Set<String> sameVouchers = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            HttpResponse<String> answer = sent.get(i).join();
            JsonNode json = JSON.readTree(answer.body());
            if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                vouchers.add(json.path("voucherNo").asString());
                if ("same".equals(requests.get(i))) {
                    sameVouchers.add(json.path("voucherNo").asString());
                }
            } else {
                // what is owed was paid out already (or, under contention, the refund kept changing): a problem detail
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
                assertThat(json.path("type").asString()).isIn("urn:anchang:problem:refund-paid", "urn:anchang:problem:refund-changed");
            }
        }
        assertThat(sameVouchers).as("one request sent five times at once is one payout").hasSizeLessThanOrEqualTo(1);
        Map<String, Object> refund = refund(site, refundId);
        BigDecimal paid = new BigDecimal((String) refund.get("paid"));
        // never more than owed, and exactly what the vouchers say
        assertThat(paid).isLessThanOrEqualTo(new BigDecimal("10000.00"));
        assertThat(paid).isEqualByComparingTo(new BigDecimal(1000).multiply(BigDecimal.valueOf(vouchers.size())));
        assertThat((List<?>) refund.get("payouts")).hasSize(vouchers.size());
        assertThat(day(site)).containsEntry("voucherCount", vouchers.size()).containsEntry("paidOut", paid.setScale(2).toPlainString());
        assertThat(vouchers).hasSize(10); // 19 sends, 15 payouts: ten of them fit
        assertThat(refund).containsEntry("status", "PAID");
    }
}
