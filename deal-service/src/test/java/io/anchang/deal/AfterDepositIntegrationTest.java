package io.anchang.deal;

import io.anchang.platform.events.Topics;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.deal.DealFixture.assistant;
import static io.anchang.deal.DealFixture.entries;
import static io.anchang.deal.DealFixture.finance;
import static io.anchang.deal.DealFixture.manager;
import static io.anchang.deal.DealFixture.rep;
import static io.anchang.deal.DealFixture.supervisor;
import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After the deposit at deal-service (issue 13), through the API with the tokens of each role and against real
 * events: corrections (R-DEAL-5), the contract (R-DEAL-6), name changes (R-DEAL-8), refunds (R-DEAL-10),
 * breach cases (R-DEAL-9), the credit's final and reversed shares (R-ATT-17), who may print the agreement (R-SEC-3).
 */
class AfterDepositIntegrationTest extends DealIntegrationBase {

    static final String SITE = "AD01";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String DEALS = "/api/deals/sites/{s}/units/{u}";

    DealFixture f;

    @BeforeEach
    void site() {
        f = fixture();
        f.site(SITE);
        f.customer(SITE, "ad-c1", SITE + "-rep1");
    }

    /** A new building {@code code} with unit 101 at 3,000,000 and a big deposit of 200,000 on it. */
    private String bigDeal(String code) {
        f.building(SITE, code, List.of("101,1,3000000"));
        String unit = SITE + "-" + code + "-101";
        f.bigDeposit(SITE, unit, "ad-c1", "200000.00");
        return unit;
    }

    private static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** Terms that with the 200,000 paid make 3,000,000: down payment 800,000 in a week, 2 instalments, a mortgage of 1,000,000. */
    private static Map<String, Object> terms() {
        return object("terms", list(
                object("kind", "DOWN_PAYMENT", "amount", "800000.00", "dueOn", today().plusDays(7).toString()),
                object("kind", "INSTALMENT", "amount", "500000.00", "dueOn", today().plusMonths(1).toString()),
                object("kind", "INSTALMENT", "amount", "500000.00", "dueOn", today().plusMonths(2).toString()),
                object("kind", "MORTGAGE", "amount", "1000000.00", "dueOn", today().plusMonths(2).toString())));
    }

    private void credit(String unit, String rule) {
        String dealId = (String) f.sale(SITE, unit).get("dealId");
        TestEvents.publish(Topics.CUSTOMER, "customer.deal-credit-fixed", 1, SITE, dealId, object("dealId", dealId, "siteId", SITE,
                "customerId", "ad-c1", "shares", list(object("userId", SITE + "-rep1", "credit", 1, "bonusPercent", 80),
                        object("userId", SITE + "-rep2", "credit", 0, "bonusPercent", 20)),
                "ruleId", rule, "explanation", "测试", "needsManagerRuling", false, "validAt", Instant.now().toString()), "it");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, unit).jsonPath("$.sale.credit.ruleId").isEqualTo(rule));
    }

    // ---------------------------------------------------------------- R-DEAL-5

    @Test
    @DisplayName("R-DEAL-5 a MANAGER voids the agreement with a reason and its paper copies' keeper; a new one is issued with the next number, both on record")
    void aCorrectionIsAVoidAndANewAgreement() {
        String unit = bigDeal("C1");
        Map<String, Object> before = agreement(unit);
        String first = (String) before.get("number");

        // bad input: no reason, a rep trying it — refused, nothing changed
        f.post(manager(SITE), DEALS + "/agreement/void", object("paperKeeper", "周助理"), SITE, unit).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:reason-required");
        f.post(rep(SITE, 1), DEALS + "/agreement/void", object("reason", "地址写错", "paperKeeper", "周助理"), SITE, unit)
                .expectStatus().isForbidden();
        assertThat(agreement(unit).get("number")).isEqualTo(first);

        Map<String, Object> corrected = object("name", "王小明", "phone", "13812345678", "address", "上海市浦东新区滨江大道99号", "postcode", "200120");
        f.post(manager(SITE), DEALS + "/agreement/void", object("reason", "联系地址写错", "paperKeeper", "周助理（档案柜A3）", "buyer", corrected),
                SITE, unit).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agreement(unit).get("number")).isNotNull().isNotEqualTo(first));
        Map<String, Object> after = agreement(unit);
        assertThat(seq((String) after.get("number"))).isEqualTo(seq(first) + 1);
        assertThat(after.get("buyerPhone")).isEqualTo("138****5678");
        @SuppressWarnings("unchecked") Map<String, Object> voided = ((List<Map<String, Object>>) f.sale(SITE, unit).get("voidedAgreements")).get(0);
        assertThat(voided).containsEntry("cause", "CORRECTION").containsEntry("reason", "联系地址写错").containsEntry("paperKeeper", "周助理（档案柜A3）");
        assertThat(voided.get("agreement")).asString().contains(first);

        JsonNode event = TopicProbe.events(Topics.DEAL, "deal.agreement-voided", p -> unit.equals(p.path("unitId").asString())).get(0);
        assertThat(event.path("payload").path("agreementNo").asString()).isEqualTo(first);
        assertThat(event.path("payload").path("paperKeeper").asString()).isEqualTo("周助理（档案柜A3）");
        assertThat(TopicProbe.events(Topics.DEAL, "deal.agreement-issued", p -> unit.equals(p.path("unitId").asString()))
                .stream().map(e -> e.path("payload").path("agreementNo").asString())).contains(first, (String) after.get("number"));

        // who keeps the signed copies of the new agreement (九3)
        f.put(assistant(SITE), DEALS + "/agreement/keeper", object("keeper", "周助理"), SITE, unit).expectStatus().isOk()
                .expectBody().jsonPath("$.sale.agreement.copiesKeeper").isEqualTo("周助理");
    }

    // ---------------------------------------------------------------- R-DEAL-6

    @Test
    @DisplayName("R-DEAL-6 bad contracts are refused and change nothing: without a big deposit, terms that do not add up, a term due before the contract")
    void badContractsAreRefused() {
        f.building(SITE, "K0", List.of("101,1,3000000"));
        String small = SITE + "-K0-101";
        f.depositConfirmed(SITE, small, "ad-c1", "SMALL", "20000.00");
        f.awaitDeal(SITE, small, "SMALL_DEPOSIT");
        f.post(rep(SITE, 1), DEALS + "/contract", terms(), SITE, small).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:big-deposit-required");

        String unit = bigDeal("K1");
        Map<String, Object> short1 = object("terms", list(object("kind", "DOWN_PAYMENT", "amount", "2799999.99", "dueOn", today().plusDays(3).toString())));
        f.post(rep(SITE, 1), DEALS + "/contract", short1, SITE, unit).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:terms-do-not-add-up")
                .jsonPath("$.difference").isEqualTo("0.01")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("与成交价 3000000.00 元不符"));
        Map<String, Object> early = object("terms", list(object("kind", "DOWN_PAYMENT", "amount", "2800000.00", "dueOn", today().minusDays(1).toString())));
        f.post(rep(SITE, 1), DEALS + "/contract", early, SITE, unit).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:due-before-contract");
        f.post(rep(SITE, 2), DEALS + "/contract", terms(), SITE, unit).expectStatus().isForbidden();
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("BIG_DEPOSIT").jsonPath("$.sale.contract").doesNotExist();
    }

    @Test
    @DisplayName("R-DEAL-6 R-ATT-17 the contract fixes the terms that add up to the price, the unit is CONTRACTED, the shares final; its 网签 status is kept")
    void theContractFixesTheTerms() {
        String unit = bigDeal("K2");
        credit(unit, "R-ATT-5");
        f.post(rep(SITE, 1), DEALS + "/contract", terms(), SITE, unit).expectStatus().isCreated().expectBody()
                .jsonPath("$.status").isEqualTo("CONTRACTED")
                .jsonPath("$.sale.contract.terms.length()").isEqualTo(4)
                .jsonPath("$.sale.contract.terms[0].kind").isEqualTo("DOWN_PAYMENT")
                .jsonPath("$.sale.contract.terms[0].no").isEqualTo(1)
                .jsonPath("$.sale.contract.late").isEqualTo(false)
                .jsonPath("$.sale.contract.filingStatus").isEqualTo("NOT_FILED")
                .jsonPath("$.sale.credit.provisional").isEqualTo(false);
        JsonNode signed = TopicProbe.events(Topics.DEAL, "deal.contract-signed", p -> unit.equals(p.path("unitId").asString())).get(0).path("payload");
        assertThat(signed.path("price").decimalValue()).isEqualByComparingTo("3000000");
        assertThat(signed.path("deposits").decimalValue()).isEqualByComparingTo("200000");
        BigDecimal terms = BigDecimal.ZERO;
        for (JsonNode term : signed.path("terms")) {
            terms = terms.add(term.path("amount").decimalValue());
        }
        assertThat(terms.add(signed.path("deposits").decimalValue())).isEqualByComparingTo(signed.path("price").decimalValue());
        assertThat(signed.path("shares").get(0).path("bonusPercent").asInt()).isEqualTo(80);
        assertThat(signed.path("contractDueOn").asString()).isEqualTo(today().plusDays(15).toString());

        // 网签: FILED needs its number
        f.put(assistant(SITE), DEALS + "/contract/filing", object("status", "FILED"), SITE, unit).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:filing-number-required");
        f.put(assistant(SITE), DEALS + "/contract/filing", object("status", "FILED", "filingNo", "沪房网签2026-0001"), SITE, unit)
                .expectStatus().isOk().expectBody().jsonPath("$.sale.contract.filingStatus").isEqualTo("FILED")
                .jsonPath("$.sale.contract.filingNo").isEqualTo("沪房网签2026-0001");
        assertThat(TopicProbe.events(Topics.DEAL, "deal.contract-filed", p -> unit.equals(p.path("unitId").asString()))).isNotEmpty();
        // signing again is refused
        f.post(rep(SITE, 1), DEALS + "/contract", terms(), SITE, unit).expectStatus().isEqualTo(409);
    }

    @Test
    @DisplayName("R-DEAL-6 a big deposit past contractDays without a contract is flagged overdue, and a contract signed then is flagged late")
    void aLateContractIsFlagged() {
        String unit = bigDeal("K3");
        assertThat(overdueDeals()).doesNotContain(unit);
        CLOCK.set(Instant.now().plus(Duration.ofDays(17)));
        assertThat(overdueDeals()).contains(unit);
        LocalDate later = LocalDate.ofInstant(CLOCK.instant(), ZONE);
        f.post(rep(SITE, 1), DEALS + "/contract", object("terms", list(object("kind", "DOWN_PAYMENT", "amount", "2800000",
                        "dueOn", later.plusDays(5).toString()))), SITE, unit).expectStatus().isCreated()
                .expectBody().jsonPath("$.sale.contract.late").isEqualTo(true);
        assertThat(overdueDeals()).doesNotContain(unit);
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.anchang.deal.application.WatchingContracts watchingContracts;

    @Test
    @DisplayName("R-DEAL-6 a big deposit past contractDays without a contract is announced overdue once (deal.contract-overdue), however often the check runs; one signed in time never is")
    void aContractOverdueIsAnnouncedOnce() {
        String late = bigDeal("K4");
        String signed = bigDeal("K5");
        f.post(rep(SITE, 1), DEALS + "/contract", terms(), SITE, signed).expectStatus().isCreated();
        assertThat(watchingContracts.check(CLOCK.instant()).block()).doesNotContain(late, signed);
        assertThat(deal(late)).containsEntry("contractOverdue", false);
        assertThat(deal(late).get("overdueAnnouncedOn")).isNull();

        CLOCK.set(Instant.now().plus(Duration.ofDays(17)));
        LocalDate later = LocalDate.ofInstant(CLOCK.instant(), ZONE);
        List<String> announced = watchingContracts.check(CLOCK.instant()).block();
        assertThat(announced).contains(late).doesNotContain(signed);
        assertThat(watchingContracts.check(CLOCK.instant()).block()).doesNotContain(late, signed);
        assertThat(watchingContracts.check(CLOCK.instant().plus(Duration.ofDays(1))).block()).doesNotContain(late, signed);
        assertThat(deal(late)).containsEntry("contractOverdue", true).containsEntry("overdueAnnouncedOn", later.toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicProbe.events(Topics.DEAL, "deal.contract-overdue",
                p -> late.equals(p.path("unitId").asString()))).hasSize(1));
        JsonNode overdue = TopicProbe.events(Topics.DEAL, "deal.contract-overdue", p -> late.equals(p.path("unitId").asString())).get(0).path("payload");
        assertThat(overdue.path("contractDueOn").asString()).isEqualTo(today().plusDays(15).toString());
        assertThat(overdue.path("detectedOn").asString()).isEqualTo(later.toString());
        assertThat(overdue.path("dealId").asString()).isEqualTo(f.sale(SITE, late).get("dealId"));
    }

    private Map<String, Object> deal(String unit) {
        List<Map<String, Object>> deals = web.get().uri("/api/deals/sites/{s}/deals", SITE)
                .headers(h -> h.setBearerAuth(manager(SITE))).exchange().expectStatus().isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> found = deals.stream().filter(d -> unit.equals(((Map<String, Object>) d.get("unit")).get("id"))).findFirst().orElseThrow();
        return found;
    }

    private List<String> overdueDeals() {
        List<Map<String, Object>> deals = web.get().uri("/api/deals/sites/{s}/deals?contractOverdue=true", SITE)
                .headers(h -> h.setBearerAuth(manager(SITE))).exchange().expectStatus().isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<String> units = deals.stream().map(d -> (String) ((Map<String, Object>) d.get("unit")).get("id")).toList();
        return units;
    }

    // ---------------------------------------------------------------- R-DEAL-8

    @Test
    @DisplayName("R-DEAL-8 before the contract a name change is a MANAGER's void and reissue without fee")
    void aNameChangeBeforeTheContractIsAReissue() {
        String unit = bigDeal("N1");
        String first = (String) agreement(unit).get("number");
        Map<String, Object> newBuyer = object("name", "李小红", "phone", "13911112222", "address", "上海市徐汇区漕溪北路88号", "postcode", "200030");
        f.post(rep(SITE, 1), DEALS + "/name-change", object("buyer", newBuyer, "reason", "夫妻更名", "paperKeeper", "周助理"), SITE, unit)
                .expectStatus().isForbidden();
        f.post(manager(SITE), DEALS + "/name-change", object("buyer", newBuyer, "reason", "夫妻更名", "paperKeeper", "周助理"), SITE, unit)
                .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("CHANGED").jsonPath("$.fee").isEqualTo("0.00");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agreement(unit).get("number")).isNotNull().isNotEqualTo(first));
        assertThat(agreement(unit)).containsEntry("buyerName", "李小红").containsEntry("buyerPhone", "139****2222");
        JsonNode changed = TopicProbe.events(Topics.DEAL, "deal.name-changed", p -> unit.equals(p.path("unitId").asString())).get(0).path("payload");
        assertThat(changed.path("afterContract").asBoolean()).isFalse();
        assertThat(changed.path("toPhoneMasked").asString()).isEqualTo("139****2222");
        assertThat(changed.toString()).doesNotContain("13911112222");
    }

    @Test
    @DisplayName("R-DEAL-8 R-FIN-4 after the contract the transfer fee (1% of the price) is due at finance; the change takes effect only once FINANCE records it")
    void aNameChangeAfterTheContractWaitsForTheFee() {
        String unit = bigDeal("N2");
        f.post(rep(SITE, 1), DEALS + "/contract", terms(), SITE, unit).expectStatus().isCreated();
        Map<String, Object> newBuyer = object("name", "赵大伟", "phone", "13700001111", "address", "上海市静安区南京西路1号", "postcode", "200040");
        f.post(rep(SITE, 1), DEALS + "/name-change", object("buyer", newBuyer, "reason", "转让给亲属"), SITE, unit)
                .expectStatus().isAccepted().expectBody().jsonPath("$.state").isEqualTo("FEE_DUE").jsonPath("$.fee").isEqualTo("30000.00")
                .jsonPath("$.unit.sale.contract.buyerName").isEqualTo("王小明");
        // bad input: another name change before the fee is paid — refused, nothing changed
        f.post(rep(SITE, 1), DEALS + "/name-change", object("buyer", newBuyer, "reason", "再改"), SITE, unit).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:name-change-pending");
        f.unit(SITE, unit).jsonPath("$.sale.contract.buyerName").isEqualTo("王小明").jsonPath("$.sale.nameChange.buyerPhone").isEqualTo("137****1111");
        JsonNode requested = TopicProbe.events(Topics.DEAL, "deal.name-change-requested", p -> unit.equals(p.path("unitId").asString())).get(0).path("payload");
        assertThat(requested.path("fee").decimalValue()).isEqualByComparingTo("30000");
        String nameChangeId = requested.path("nameChangeId").asString();
        String dealId = requested.path("dealId").asString();

        // a part of the fee does not make it effective; the rest does
        paid(dealId, unit, "TRANSFER_FEE", "10000.00", "20000.00", false, nameChangeId, "R-FEE-1");
        paid(dealId, unit, "TRANSFER_FEE", "20000.00", "0.00", true, nameChangeId, "R-FEE-2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, unit).jsonPath("$.sale.contract.buyerName").isEqualTo("赵大伟")
                .jsonPath("$.sale.contract.buyerPhone").isEqualTo("137****1111").jsonPath("$.sale.nameChange").doesNotExist()
                .jsonPath("$.sale.paidInAll").isEqualTo("230000.00"));
        JsonNode changed = TopicProbe.events(Topics.DEAL, "deal.name-changed", p -> unit.equals(p.path("unitId").asString())).get(0).path("payload");
        assertThat(changed.path("afterContract").asBoolean()).isTrue();
        assertThat(changed.path("receiptNo").asString()).isEqualTo("R-FEE-2");
    }

    private static void paid(String dealId, String unit, String kind, String amount, String outstanding, boolean settled, String subject,
                             String receiptNo) {
        UUID event = TestEvents.publish(Topics.FINANCE, "finance.payment-recorded", 1, SITE, receiptNo, object("receiptNo", receiptNo,
                "siteId", SITE, "dueId", "fee:" + subject, "dealId", dealId, "unitId", unit, "kind", kind, "amount", new BigDecimal(amount),
                "method", "CASH", "reference", null, "outstanding", new BigDecimal(outstanding), "settled", settled, "subject", subject,
                "recordedBy", "fin-" + SITE, "recordedAt", Instant.now().toString(), "businessDay", today().toString()), "it");
        SharedMongo.awaitConsumed(DATABASE, "deal-payment-recorded", event);
    }

    // ---------------------------------------------------------------- R-DEAL-10

    @Test
    @DisplayName("R-DEAL-10 a refund after the contract is refused and changes nothing")
    void noRefundAfterTheContract() {
        String unit = bigDeal("R1");
        f.post(rep(SITE, 1), DEALS + "/contract", terms(), SITE, unit).expectStatus().isCreated();
        f.post(rep(SITE, 1), DEALS + "/refund-request", object("retentionTalk", "讲解了地段优势", "reason", "资金紧张"), SITE, unit)
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:refund-after-contract");
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("CONTRACTED").jsonPath("$.sale.approval").doesNotExist();
    }

    @Test
    @DisplayName("R-DEAL-10 R-ATT-17 before the contract: the retention talk, then the MANAGER's approval of what is paid back; the unit returns to sale, the shares are reversed")
    void aRefundBeforeTheContract() {
        String unit = bigDeal("R2");
        credit(unit, "R-ATT-4");
        f.post(rep(SITE, 1), DEALS + "/refund-request", object("reason", "资金紧张"), SITE, unit).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:retention-talk-required");
        @SuppressWarnings("unchecked")
        Map<String, Object> requested = f.post(rep(SITE, 1), DEALS + "/refund-request", object("retentionTalk", "经理和我两次约谈，讲解了学区和地铁规划",
                "reason", "家中变故，资金紧张"), SITE, unit).expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        String approvalId = (String) ((Map<String, Object>) ((Map<String, Object>) requested.get("sale")).get("approval")).get("approvalId");
        web.get().uri("/api/deals/sites/{s}/approvals", SITE).headers(h -> h.setBearerAuth(manager(SITE))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.unit.id == '" + unit + "')].unit.sale.approval.kind").isEqualTo(List.of("REFUND"));
        web.get().uri("/api/deals/sites/{s}/approvals", SITE).headers(h -> h.setBearerAuth(rep(SITE, 1))).exchange().expectStatus().isForbidden();

        // bad input: more than was paid — refused, nothing changed; a rep cannot approve
        f.post(manager(SITE), DEALS + "/approvals/{a}", object("decision", "APPROVE", "refundAmount", "200000.01", "reason", "同意"), SITE, unit, approvalId)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:refund-exceeds-paid");
        f.post(rep(SITE, 1), DEALS + "/approvals/{a}", object("decision", "APPROVE", "refundAmount", "100000", "reason", "同意"), SITE, unit, approvalId)
                .expectStatus().isForbidden();
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("BIG_DEPOSIT");

        f.post(manager(SITE), DEALS + "/approvals/{a}", object("decision", "APPROVE", "refundAmount", "150000.00", "reason", "酌情退还大部分定金"),
                SITE, unit, approvalId).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("REFUNDED")
                .jsonPath("$.unit.status").isEqualTo("AVAILABLE");
        JsonNode refunded = TopicProbe.events(Topics.DEAL, "deal.refunded", p -> unit.equals(p.path("unitId").asString())).get(0).path("payload");
        assertThat(refunded.path("paid").decimalValue()).isEqualByComparingTo("200000");
        assertThat(refunded.path("refundAmount").decimalValue()).isEqualByComparingTo("150000");
        assertThat(refunded.path("forfeited").decimalValue()).isEqualByComparingTo("50000");
        assertThat(refunded.path("retentionTalk").asString()).contains("学区");
        assertThat(refunded.path("shares")).hasSize(2);
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-released", p -> unit.equals(p.path("unitId").asString())
                && "REFUNDED".equals(p.path("reason").asString()))).hasSize(1);
        // the repeat of the approval answers what it did
        f.post(manager(SITE), DEALS + "/approvals/{a}", object("decision", "APPROVE", "refundAmount", "150000.00", "reason", "酌情退还大部分定金"),
                SITE, unit, approvalId).expectStatus().isOk().expectHeader().valueEquals("Idempotent-Replayed", "true");
    }

    // ---------------------------------------------------------------- R-DEAL-9

    @Test
    @DisplayName("R-DEAL-9 R-ATT-17 an amount overdue past breachMonths opens a breach case for the MANAGER; cancellation returns the unit and reverses the shares")
    void aBreachCaseIsRuledByTheManager() {
        String unit = bigDeal("B1");
        credit(unit, "R-ATT-4");
        f.post(rep(SITE, 1), DEALS + "/contract", terms(), SITE, unit).expectStatus().isCreated();
        String dealId = (String) f.sale(SITE, unit).get("dealId");
        // finance-service's daily check: overdue first (nothing opens), then past breachMonths
        overdue(dealId, unit, false);
        f.unit(SITE, unit).jsonPath("$.sale.breaches.length()").isEqualTo(0);
        overdue(dealId, unit, true);
        overdue(dealId, unit, true); // redelivered or sent again: one case
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, unit).jsonPath("$.sale.breaches.length()").isEqualTo(1)
                .jsonPath("$.sale.breaches[0].ruling").doesNotExist());
        assertThat(TopicProbe.events(Topics.DEAL, "deal.breach-opened", p -> unit.equals(p.path("unitId").asString()))).hasSize(1);
        web.get().uri("/api/deals/sites/{s}/approvals", SITE).headers(h -> h.setBearerAuth(manager(SITE))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.unit.id == '" + unit + "')].unit.sale.breaches[0].dueId").isEqualTo(List.of("due-" + dealId));

        f.post(rep(SITE, 1), DEALS + "/breach/ruling", object("ruling", "CANCELLATION", "refundAmount", "0", "reason", "x"), SITE, unit)
                .expectStatus().isForbidden();
        f.post(manager(SITE), DEALS + "/breach/ruling", object("ruling", "CANCELLATION", "refundAmount", "200000.01", "reason", "逾期不付"), SITE, unit)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:refund-exceeds-paid");
        f.post(manager(SITE), DEALS + "/breach/ruling", object("ruling", "CANCELLATION", "refundAmount", "100000", "reason", "逾期三个月，解除合同"),
                SITE, unit).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("AVAILABLE");
        JsonNode ruled = TopicProbe.events(Topics.DEAL, "deal.breach-ruled", p -> unit.equals(p.path("unitId").asString())).get(0).path("payload");
        assertThat(ruled.path("ruling").asString()).isEqualTo("CANCELLATION");
        assertThat(ruled.path("refundAmount").decimalValue()).isEqualByComparingTo("100000");
        assertThat(ruled.path("shares")).hasSize(2);
    }

    private static void overdue(String dealId, String unit, boolean breach) {
        UUID event = TestEvents.publish(Topics.FINANCE, "finance.payment-overdue", 1, SITE, "due-" + dealId, object("dueId", "due-" + dealId,
                "siteId", SITE, "dealId", dealId, "unitId", unit, "unitLabel", unit, "kind", "INSTALMENT", "amount", new BigDecimal("500000"),
                "outstanding", new BigDecimal("500000"), "dueOn", today().minusMonths(3).toString(), "daysOverdue", 90, "breach", breach,
                "breachMonths", 2, "detectedOn", today().toString(), "detectedAt", Instant.now().toString()), "it");
        SharedMongo.awaitConsumed(DATABASE, "deal-payment-overdue", event);
    }

    // ---------------------------------------------------------------- R-SEC-3

    @Test
    @DisplayName("R-SEC-3 the agreement with the buyer's full phone prints for the deal's rep, SUPERVISOR/MANAGER and FINANCE only, each print audited")
    void onlyThoseWhoMayPrintTheAgreement() throws IOException {
        String unit = bigDeal("P1");
        for (String token : List.of(rep(SITE, 2), assistant(SITE), DealFixture.control(SITE))) {
            web.get().uri(DEALS + "/agreement.pdf", SITE, unit).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isForbidden();
        }
        for (String token : List.of(rep(SITE, 1), supervisor(SITE), manager(SITE), finance(SITE))) {
            byte[] pdf = web.get().uri(DEALS + "/agreement.pdf", SITE, unit).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent();
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertThat(new PDFTextStripper().getText(document)).contains("13812345678");
            }
        }
        List<Map<String, Object>> trail = f.audit(SITE);
        assertThat(entries(trail, "security.agreement-printed", unit)).extracting(e -> e.get("actor"))
                .contains(SITE + "-rep1", "sup-" + SITE, "mgr-" + SITE, "fin-" + SITE);
        assertThat(entries(trail, "security.agreement-print-refused", unit)).extracting(e -> e.get("actor"))
                .contains(SITE + "-rep2", "ast-" + SITE, "ctl-" + SITE);
        // everywhere else the phone is masked: the unit's view, its events
        f.unit(SITE, unit).jsonPath("$.sale.agreement.buyerPhone").isEqualTo("138****5678");
        assertThat(f.unitJson(SITE, unit).toString()).doesNotContain("13812345678");
        assertThat(TopicProbe.events(Topics.DEAL, "deal.big-deposit-signed", p -> unit.equals(p.path("unitId").asString())).get(0).toString())
                .doesNotContain("13812345678");
    }

    private Map<String, Object> agreement(String unit) {
        @SuppressWarnings("unchecked") Map<String, Object> agreement = (Map<String, Object>) f.sale(SITE, unit).get("agreement");
        return agreement;
    }

    private static long seq(String number) {
        return Long.parseLong(number.substring(number.lastIndexOf('-') + 1));
    }
}
