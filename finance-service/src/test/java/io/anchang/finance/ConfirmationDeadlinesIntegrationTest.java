package io.anchang.finance;

import io.anchang.finance.application.DepositRequests;
import io.anchang.finance.application.FinanceDesk;
import io.anchang.finance.domain.DepositRequest;
import io.anchang.platform.events.Topics;
import io.anchang.platform.security.SiteScope;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R-DEAL-2, R-FIN-2, R-DEAL-3, R-FIN-1 as decided: the finance desk judges a confirmation by the time
 * it is made (the server's clock, here a test clock moved across the deadline — no sleeping). In
 * time it is taken; late it is refused and nothing is recorded; money already in hand is recorded
 * with its receipt and a refund due; the lapse check never undoes a confirmation that came first.
 */
class ConfirmationDeadlinesIntegrationTest extends FinanceIntegrationBase {

    static final String SITE = "FD01";

    @Autowired
    FinanceDesk desk;

    @Autowired
    DepositRequests requests;

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 a confirmation a millisecond before the hold's expiry is taken; the lapse check after the expiry leaves it confirmed")
    void aConfirmationInTimeIsTaken() {
        Instant expires = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String requestId = requestedUntil(SITE, SITE + "-A-101", "SMALL", "20000", expires);
        CLOCK.set(expires.minusMillis(1));
        String receipt = receiptNo(confirm(finance(SITE), requestId, payment("20000")).expectStatus().isCreated());
        assertThat(only(TopicProbe.events(Topics.FINANCE, "finance.deposit-confirmed", p -> requestId.equals(p.path("requestId").asString())))
                .path("payload").path("receiptNo").asString()).isEqualTo(receipt);

        desk.lapseOverdue(expires.plus(Duration.ofMinutes(1))).block();
        assertThat(status(requestId)).isEqualTo(DepositRequest.Status.CONFIRMED);
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 a confirmation 1.1 s after the hold's expiry is refused, telling the cashier to take no money; nothing is recorded")
    void aConfirmationAfterTheDeadlineIsRefused() {
        Instant expires = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String requestId = requestedUntil(SITE, SITE + "-A-102", "SMALL", "20000", expires);
        CLOCK.set(expires.plusMillis(1100));
        confirm(finance(SITE), requestId, payment("20000")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:deposit-deadline-passed")
                .jsonPath("$.takeNoMoney").isEqualTo(true)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("请勿收款", "已收现金"));
        DepositRequest after = requests.find(SiteScope.system(), requestId).block();
        assertThat(after.status()).isEqualTo(DepositRequest.Status.QUEUED);
        assertThat(after.payment()).isNull();
        assertThat(after.receiptNo()).isNull();

        // the lapse check then lapses it and tells deal-service
        desk.lapseOverdue(CLOCK.instant()).block();
        assertThat(status(requestId)).isEqualTo(DepositRequest.Status.LAPSED);
        assertThat(only(TopicProbe.events(Topics.FINANCE, "finance.deposit-request-lapsed", p -> requestId.equals(p.path("requestId").asString())))
                .path("payload").path("deadline").asString()).isEqualTo(expires.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        confirm(finance(SITE), requestId, payment("20000")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:deposit-deadline-passed");
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 money already in hand after the expiry is recorded with its receipt and a refund due at once, and moves nothing; its repeat answers the same receipt")
    void moneyInHandAfterTheDeadlineIsRecordedAndRefunded() {
        Instant expires = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String requestId = requestedUntil(SITE, SITE + "-A-103", "SMALL", "20000", expires);
        CLOCK.set(expires.plusMillis(1100));
        Map<String, Object> body = object("amount", "20000", "method", "CASH", "cashInHand", true);
        Map<String, Object> receipt = confirm(finance(SITE), requestId, body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String number = (String) receipt.get("receiptNo");
        JsonAssert.receiptNumber(number, SITE);

        JsonAssert.hasOne(TopicProbe.events(Topics.FINANCE, "finance.late-payment-recorded", p -> requestId.equals(p.path("requestId").asString())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/finance/sites/{s}/refunds-due", SITE)
                .headers(h -> h.setBearerAuth(finance(SITE))).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.requestId == '" + requestId + "')].receiptNo").isEqualTo(List.of(number))
                .jsonPath("$[?(@.requestId == '" + requestId + "')].reason").isEqualTo(List.of("DEADLINE_PASSED_CASH_IN_HAND")));
        assertThat(status(requestId)).isEqualTo(DepositRequest.Status.RECORDED_LATE);
        // the receipt's one event is the late payment: no confirmation reaches deal-service
        await().atMost(Duration.ofSeconds(30)).until(() -> audit(SITE).stream().anyMatch(e -> "finance.late-payment-recorded".equals(e.get("action"))
                && requestId.equals(e.get("subject"))));
        assertThat(audit(SITE)).noneMatch(e -> "finance.deposit-confirmed".equals(e.get("action")) && requestId.equals(e.get("subject")));

        confirm(finance(SITE), requestId, body).expectStatus().isOk().expectBody()
                .jsonPath("$.receiptNo").isEqualTo(number).jsonPath("$.alreadyConfirmed").isEqualTo(true);
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 a request cancelled by a released hold: refused, take no money — or, with the money in hand, recorded and refunded")
    void aCancelledRequestTakesNoMoneyUnlessItIsInHand() {
        String requestId = requestedUntil(SITE, SITE + "-A-104", "SMALL", "20000", Instant.now().plus(Duration.ofMinutes(10)));
        SharedMongo.awaitConsumed(DATABASE, "finance-unit-released", TestEvents.publish(Topics.DEAL, "deal.unit-released", 1, SITE,
                SITE + "-A-104", object("unitId", SITE + "-A-104", "siteId", SITE, "unitLabel", "A-104", "holdId", "hold-" + requestId,
                        "reason", "HOLD_RELEASED", "releasedBy", SITE + "-rep1", "releasedAt", Instant.now().toString()), "it"));
        confirm(finance(SITE), requestId, payment("20000")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:deposit-request-cancelled").jsonPath("$.takeNoMoney").isEqualTo(true);
        confirm(finance(SITE), requestId, object("amount", "20000", "method", "CASH", "cashInHand", true)).expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/finance/sites/{s}/refunds-due", SITE)
                .headers(h -> h.setBearerAuth(finance(SITE))).exchange().expectBody()
                .jsonPath("$[?(@.requestId == '" + requestId + "')].reason").isEqualTo(List.of("REQUEST_CANCELLED_CASH_IN_HAND")));
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 of the lapse check and a late confirmation, whichever writes first wins: lapsed first, the confirmation is refused")
    void theLapseCheckFirstRefusesTheConfirmation() {
        Instant expires = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String requestId = requestedUntil(SITE, SITE + "-A-105", "SMALL", "20000", expires);
        desk.lapseOverdue(expires).block();
        assertThat(status(requestId)).isEqualTo(DepositRequest.Status.LAPSED);
        CLOCK.set(expires.plusMillis(1));
        confirm(finance(SITE), requestId, payment("20000")).expectStatus().isEqualTo(409);
        assertThat(requests.find(SiteScope.system(), requestId).block().payment()).isNull();
    }

    @Test
    @DisplayName("R-DEAL-3 a lapsed small deposit opens a refund due for each receipt paid and cancels the upgrade still waiting at the desk")
    void aLapsedSmallDepositIsOwedBack() {
        String dealId = "deal-" + UUID.randomUUID();
        String upgrade = UUID.randomUUID().toString();
        SharedMongo.awaitConsumed(DATABASE, "finance-deposit-requested", publishRequest(SITE, SITE + "-A-106", "BIG", "100000", "3000000",
                upgrade, Instant.now().plus(Duration.ofDays(3)), dealId));
        String paidRequest = UUID.randomUUID().toString();
        SharedMongo.awaitConsumed(DATABASE, "finance-small-deposit-lapsed", TestEvents.publish(Topics.DEAL, "deal.small-deposit-lapsed", 1, SITE,
                SITE + "-A-106", object("dealId", dealId, "siteId", SITE, "unitId", SITE + "-A-106", "unitLabel", "A-106",
                        "customerId", "c-1", "deposits", list(object("requestId", paidRequest, "receiptNo", SITE + "-2026-000099",
                                "amount", new BigDecimal("20000.00"))), "paid", new BigDecimal("20000.00"),
                        "lapsesAt", Instant.now().toString(), "lapsedAt", Instant.now().toString()), "it"));
        web.get().uri("/api/finance/sites/{s}/refunds-due", SITE).headers(h -> h.setBearerAuth(finance(SITE))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.requestId == '" + paidRequest + "')].amount").isEqualTo(List.of("20000.00"))
                .jsonPath("$[?(@.requestId == '" + paidRequest + "')].receiptNo").isEqualTo(List.of(SITE + "-2026-000099"))
                .jsonPath("$[?(@.requestId == '" + paidRequest + "')].reason").isEqualTo(List.of("SMALL_DEPOSIT_LAPSED"));
        assertThat(status(upgrade)).isEqualTo(DepositRequest.Status.CANCELLED);
    }

    @Test
    @DisplayName("R-FIN-1 receipt numbers run per site and calendar year of the site: the first receipt after midnight of 1 January in Shanghai starts the new year at 000001")
    void receiptNumbersRunPerYearOfTheSite() {
        String site = "FY01";
        Instant newYear = Instant.parse("2026-12-31T16:00:00Z"); // midnight in Shanghai
        String before = requestedUntil(site, site + "-A-101", "SMALL", "20000", newYear.plus(Duration.ofDays(2)));
        String after = requestedUntil(site, site + "-A-102", "SMALL", "20000", newYear.plus(Duration.ofDays(2)));
        String after2 = requestedUntil(site, site + "-A-103", "SMALL", "20000", newYear.plus(Duration.ofDays(2)));
        CLOCK.set(newYear.minusSeconds(1));
        assertThat(receiptNo(confirm(finance(site), before, payment("20000")).expectStatus().isCreated())).isEqualTo("FY01-2026-000001");
        CLOCK.set(newYear.plusSeconds(1));
        assertThat(receiptNo(confirm(finance(site), after, payment("20000")).expectStatus().isCreated())).isEqualTo("FY01-2027-000001");
        assertThat(receiptNo(confirm(finance(site), after2, payment("20000")).expectStatus().isCreated())).isEqualTo("FY01-2027-000002");
    }

    private DepositRequest.Status status(String requestId) {
        return requests.find(SiteScope.system(), requestId).block().status();
    }

    @SuppressWarnings("unchecked")
    private static String receiptNo(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec answer) {
        return (String) answer.expectBody(Map.class).returnResult().getResponseBody().get("receiptNo");
    }

    private static tools.jackson.databind.JsonNode only(List<tools.jackson.databind.JsonNode> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audit(String site) {
        return web.get().uri("/api/finance/sites/{s}/audit?limit=1000", site).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    /** Small checks shared by these tests. */
    static final class JsonAssert {

        static void receiptNumber(String number, String site) {
            assertThat(number).matches(site + "-\\d{4}-\\d{6}");
        }

        static void hasOne(List<tools.jackson.databind.JsonNode> events) {
            assertThat(events).hasSize(1);
        }
    }
}
