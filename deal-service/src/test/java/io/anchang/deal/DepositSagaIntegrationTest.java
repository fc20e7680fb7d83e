package io.anchang.deal;

import io.anchang.deal.application.HoldingUnits;
import io.anchang.platform.events.Topics;
import io.anchang.platform.messaging.KafkaConsumers;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.deal.DealFixture.buyer;
import static io.anchang.deal.DealFixture.rep;
import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow 2 at deal-service, against real events on the broker: the rep's request goes out
 * as {@code deal.deposit-requested}; finance-service's {@code finance.deposit-confirmed}
 * (published here as finance-service publishes it) moves the unit; customer-service's
 * {@code customer.deal-credit-fixed} is kept on the deal.
 */
class DepositSagaIntegrationTest extends DealIntegrationBase {

    static final String SITE = "DS01";

    @Autowired
    HoldingUnits holding;

    @Autowired
    KafkaConsumers consumers;

    DealFixture f;

    @BeforeEach
    void site() {
        f = fixture();
        f.site(SITE);
        f.customer(SITE, "ds-c1", SITE + "-rep1");
    }

    @Test
    @DisplayName("R-FIN-2 R-DEAL-4 hold → big deposit requested → FINANCE's confirmation → BIG_DEPOSIT, agreement issued with the balance")
    void aConfirmedBigDepositIssuesTheAgreement() throws IOException {
        String unit = heldUnit("A", "101");
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "BIG", "amount", "200000.00", "discountPercent", 1, "buyer", buyer()))
                .expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("HELD");
        JsonNode requested = only(TopicProbe.events(Topics.DEAL, "deal.deposit-requested", p -> unit.equals(p.path("unitId").asString())));
        assertThat(requested.path("payload").path("kind").asString()).isEqualTo("BIG");
        assertThat(requested.path("payload").path("amountDue").decimalValue()).isEqualByComparingTo("200000");
        assertThat(requested.path("payload").path("price").decimalValue()).isEqualByComparingTo("2970000"); // 3,000,000 less 1 %
        assertThat(requested.path("payload").path("holdExpiresAt").asString()).isNotBlank();
        String requestId = requested.path("payload").path("requestId").asString();

        confirm(UUID.randomUUID(), requestId, unit, "BIG", "200000.00", "SH-R-1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, unit).jsonPath("$.status").isEqualTo("BIG_DEPOSIT")
                .jsonPath("$.sale.agreement.number").exists());
        Map<String, Object> deal = f.unitJson(SITE, unit);
        @SuppressWarnings("unchecked") Map<String, Object> sale = (Map<String, Object>) deal.get("sale");
        @SuppressWarnings("unchecked") Map<String, Object> agreement = (Map<String, Object>) sale.get("agreement");
        assertThat((String) agreement.get("number")).matches("RG-" + SITE + "-\\d{4}-\\d{6}");
        assertThat(agreement.get("price")).isEqualTo("2970000.00");
        assertThat(agreement.get("balance")).isEqualTo("2770000.00");
        assertThat(agreement.get("buyerPhone")).isEqualTo("138****5678");

        JsonNode signed = only(TopicProbe.events(Topics.DEAL, "deal.big-deposit-signed", p -> unit.equals(p.path("unitId").asString())));
        String dealId = signed.path("payload").path("dealId").asString();
        // R-DEAL-4: the number is claimed once the unit moved, and announced on its own
        JsonNode issued = only(TopicProbe.events(Topics.DEAL, "deal.agreement-issued", p -> unit.equals(p.path("unitId").asString())));
        assertThat(issued.path("payload").path("agreementNo").asString()).isEqualTo(agreement.get("number"));
        assertThat(issued.path("payload").path("dealId").asString()).isEqualTo(dealId);

        // R-DEAL-4, R-FIN-6: the agreement prints in four copies with the amounts in capitals
        byte[] pdf = web.get().uri("/api/deals/sites/{s}/units/{u}/agreement.pdf", SITE, unit).headers(h -> h.setBearerAuth(rep(SITE, 1)))
                .exchange().expectStatus().isOk().expectHeader().contentType("application/pdf")
                .expectBody().returnResult().getResponseBodyContent();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(4);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("认购书", (String) agreement.get("number"), "王小明", "13812345678",
                    "¥2,970,000.00", "贰佰玖拾柒万元整", "¥200,000.00", "贰拾万元整", "¥2,770,000.00", "贰佰柒拾柒万元整",
                    "第一联 客户联", "第二联 财务联", "第三联 销售联", "第四联 销售联", "SH-R-1");
        }
        web.get().uri("/api/deals/sites/{s}/units/{u}/agreement.pdf", SITE, unit).headers(h -> h.setBearerAuth(rep(SITE, 2)))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("R-DEAL-4 issue 10 item 5: agreements for buyers named beyond GB2312 (王喆) and with a rare character (刘䶮, Extension A) print, "
            + "each name in the PDF's text — never a 500")
    void agreementsPrintNamesBeyondGb2312() throws IOException {
        int number = 0;
        for (String name : List.of("王喆", "刘䶮")) {
            number++;
            String unit = heldUnit("G" + number, "101");
            Map<String, Object> buyer = new java.util.HashMap<>(buyer());
            buyer.put("name", name);
            f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "BIG", "amount", "200000.00", "buyer", buyer))
                    .expectStatus().isCreated();
            String requestId = only(TopicProbe.events(Topics.DEAL, "deal.deposit-requested", p -> unit.equals(p.path("unitId").asString())))
                    .path("payload").path("requestId").asString();
            confirm(UUID.randomUUID(), requestId, unit, "BIG", "200000.00", "SH-R-G" + number);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, unit).jsonPath("$.sale.agreement.number").exists());
            byte[] pdf = web.get().uri("/api/deals/sites/{s}/units/{u}/agreement.pdf", SITE, unit).headers(h -> h.setBearerAuth(rep(SITE, 1)))
                    .exchange().expectStatus().isOk().expectHeader().contentType("application/pdf")
                    .expectBody().returnResult().getResponseBodyContent();
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertThat(new PDFTextStripper().getText(document)).as(name).contains("认购书", name);
            }
        }
    }

    @Test
    @DisplayName("R-ATT-17 R-DEAL-11 a real deal's shares end to end: customer-service, running beside, attributes two visits as reception asks (the owner's, then a helper's while the owner is out); the big deposit signed, the deal keeps the shares customer-service holds valid at that moment — the helper's split, provisional")
    void aRealDealKeepsTheSharesCustomerServiceComputes() {
        CustomerServiceBeside customers = CustomerServiceBeside.shared();
        String site = "DC01";
        f.site(site);
        String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000L);
        String owner = site + "-rep1";
        String helper = site + "-rep2";
        // the desk asks customer-service about two visits, as reception-service does with its own identity (flow 1)
        Instant first = Instant.now().minusSeconds(120);
        Map<String, Object> owned = attribute(customers, site, phone, first, desk(owner, owner + ":AVAILABLE", helper + ":AVAILABLE"));
        String customerId = (String) owned.get("customerId");
        assertThat(owned.get("ownerRep")).isEqualTo(owner);
        Map<String, Object> helped = attribute(customers, site, phone, first.plusSeconds(60), desk(helper, owner + ":OUT", helper + ":AVAILABLE"));
        assertThat(helped.get("servedBy")).isEqualTo(helper);
        assertThat(helped.get("ruleId")).isEqualTo("R-ATT-7");

        // the owner holds a unit for the customer deal-service learned of from customer-service, and the finance desk confirms
        f.building(site, "S", List.of("101,1,3000000"));
        String unit = site + "-S-101";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.hold(rep(site, 1), site, unit, customerId).expectStatus().isCreated());
        f.requestDeposit(rep(site, 1), site, unit, object("kind", "BIG", "amount", "100000", "buyer", buyer())).expectStatus().isCreated();
        String requestId = only(TopicProbe.events(Topics.DEAL, "deal.deposit-requested", p -> unit.equals(p.path("unitId").asString())))
                .path("payload").path("requestId").asString();
        confirm(UUID.randomUUID(), site, requestId, unit, "BIG", "100000.00", "R-" + site, Instant.now());
        JsonNode signed = await().atMost(Duration.ofSeconds(60)).until(() -> TopicProbe.events(Topics.DEAL, "deal.big-deposit-signed",
                p -> unit.equals(p.path("unitId").asString())), e -> !e.isEmpty()).get(0);
        Instant signedAt = Instant.parse(signed.path("payload").path("signedAt").asString());

        // the deal keeps the shares customer-service holds valid at that moment: the helper's split (R-ATT-7), provisional
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> f.unit(site, unit).jsonPath("$.sale.credit.ruleId").isEqualTo("R-ATT-7"));
        @SuppressWarnings("unchecked") Map<String, Object> credit = (Map<String, Object>) ((Map<String, Object>) f.unitJson(site, unit)
                .get("sale")).get("credit");
        assertThat(credit.get("provisional")).isEqualTo(true);
        List<String> kept = shares(credit);
        @SuppressWarnings({"unchecked", "rawtypes"}) Map<String, Object> valid = (Map<String, Object>) org.springframework.test.web.reactive
                .server.WebTestClient.bindToServer().baseUrl(customers.uri()).build().get()
                .uri("/api/customers/sites/{s}/customers/{id}/credit?at={at}", site, customerId, signedAt.toString())
                .headers(h -> h.setBearerAuth(DealFixture.manager(site))).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(kept).containsExactlyInAnyOrderElementsOf(shares(valid));
        boolean sameDay = LocalDate.ofInstant(first.plusSeconds(60), SHANGHAI).equals(LocalDate.ofInstant(signedAt, SHANGHAI));
        assertThat(kept).as("the helper's split, the owner holding the credit").containsExactlyInAnyOrderElementsOf(sameDay
                ? List.of(owner + " 1.00 50", helper + " 0.00 50") : List.of(owner + " 1.00 80", helper + " 0.00 20"));
        assertThat(TopicProbe.events(Topics.DEAL, "deal.credit-recorded", p -> unit.equals(p.path("unitId").asString())
                || signed.path("payload").path("dealId").asString().equals(p.path("dealId").asString()))).isNotEmpty();
    }

    private static final java.time.ZoneId SHANGHAI = java.time.ZoneId.of("Asia/Shanghai");

    /** The shares as "rep credit bonus". */
    @SuppressWarnings("unchecked")
    private static List<String> shares(Map<String, Object> credit) {
        return ((List<Map<String, Object>>) credit.get("shares")).stream().map(s -> s.get("userId") + " "
                + new java.math.BigDecimal(String.valueOf(s.get("credit"))).setScale(2) + " " + s.get("bonusPercent")).toList();
    }

    /** Flow 1's question to customer-service, asked with reception-service's own identity as reception asks it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Object> attribute(CustomerServiceBeside customers, String site, String phone, Instant at,
                                                 Map<String, Object> desk) {
        return (Map<String, Object>) org.springframework.test.web.reactive.server.WebTestClient.bindToServer().baseUrl(customers.uri())
                .build().post().uri(io.anchang.platform.api.attribution.AttributionApi.PATH, site)
                .headers(h -> h.setBearerAuth(io.anchang.testing.TestIssuer.shared().receptionToken()))
                .bodyValue(object("visitId", UUID.randomUUID().toString(), "channel", "VISIT", "phone", phone, "at", at.toString(),
                        "receivedBy", desk.get("upRep"), "statement", object(), "desk", desk))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The desk at a visit: the up rep, then "user:STATUS" of each rep on duty. */
    private static Map<String, Object> desk(String up, String... reps) {
        List<Object> list = new java.util.ArrayList<>();
        for (String rep : reps) {
            String[] parts = rep.split(":");
            list.add(object("userId", parts[0], "name", parts[0], "status", parts[1]));
        }
        return object("upRep", up, "eventMode", false, "reps", list);
    }

    @Test
    @DisplayName("R-FIN-2 the same confirmation replayed (same event, or sent again) changes nothing")
    void theSameConfirmationCountsOnce() {
        String unit = heldUnit("B", "101");
        String requestId = requestSmall(unit);
        UUID event = UUID.randomUUID();
        confirm(event, requestId, unit, "SMALL", "20000.00", "SH-R-2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, unit).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT"));
        Map<String, Object> before = f.unitJson(SITE, unit);

        confirm(event, requestId, unit, "SMALL", "20000.00", "SH-R-2");
        UUID again = confirm(UUID.randomUUID(), requestId, unit, "SMALL", "20000.00", "SH-R-2");
        SharedMongo.awaitConsumed(DATABASE, "deal-deposit-confirmed", again);
        assertThat(f.unitJson(SITE, unit)).isEqualTo(before);
        assertThat(TopicProbe.events(Topics.DEAL, "deal.small-deposit-taken", p -> unit.equals(p.path("unitId").asString()))).hasSize(1);
    }

    @Test
    @DisplayName("R-FIN-2 deal-service down during the confirmation: the unit moves once it is back")
    void theUnitMovesWhenDealServiceIsBack() {
        String unit = heldUnit("C", "101");
        String requestId = requestSmall(unit);
        consumers.stop();
        try {
            confirm(UUID.randomUUID(), requestId, unit, "SMALL", "20000.00", "SH-R-3");
            f.unit(SITE, unit).jsonPath("$.status").isEqualTo("HELD");
        } finally {
            consumers.start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> f.unit(SITE, unit).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT")
                .jsonPath("$.sale.deposits[0].receiptNo").isEqualTo("SH-R-3"));
    }

    @Test
    @DisplayName("R-DEAL-2 a hold the desk found lapsed before a confirmation came: the unit stays AVAILABLE and the deposit is rejected for a refund")
    void aConfirmationAfterTheLapseIsRejected() {
        String unit = heldUnit("D", "101");
        String requestId = requestSmall(unit);
        // the lapse check leaves a unit whose request waits at the desk; the desk's verdict releases it
        holding.releaseLapsed(Instant.now().plus(Duration.ofMinutes(31))).block();
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("HELD");
        SharedMongo.awaitConsumed(DATABASE, "deal-deposit-request-lapsed", DealFixture.lapsed(SITE, requestId, unit,
                Instant.now(), Instant.now()));
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("AVAILABLE");
        confirm(UUID.randomUUID(), requestId, unit, "SMALL", "20000.00", "SH-R-4");
        JsonNode rejected = only(TopicProbe.events(Topics.DEAL, "deal.deposit-rejected", p -> requestId.equals(p.path("requestId").asString())));
        assertThat(rejected.path("payload").path("receiptNo").asString()).isEqualTo("SH-R-4");
        assertThat(rejected.path("payload").path("amount").decimalValue()).isEqualByComparingTo("20000");
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("AVAILABLE").jsonPath("$.sale").doesNotExist();
    }

    @Test
    @DisplayName("R-DEAL-3 a small deposit is upgraded to a big one; one not upgraded lapses after smallDepositDays")
    void aSmallDepositIsUpgradedOrLapses() {
        String upgraded = heldUnit("E", "101");
        confirm(UUID.randomUUID(), requestSmall(upgraded), upgraded, "SMALL", "20000.00", "SH-R-5");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, upgraded).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT"));
        f.requestDeposit(rep(SITE, 1), SITE, upgraded, object("kind", "BIG", "amount", "180000", "buyer", buyer()))
                .expectStatus().isCreated();
        String bigRequest = only(TopicProbe.events(Topics.DEAL, "deal.deposit-requested",
                p -> upgraded.equals(p.path("unitId").asString()) && "BIG".equals(p.path("kind").asString()))).path("payload").path("requestId").asString();
        confirm(UUID.randomUUID(), bigRequest, upgraded, "BIG", "180000.00", "SH-R-6");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, upgraded).jsonPath("$.status").isEqualTo("BIG_DEPOSIT")
                .jsonPath("$.sale.paid").isEqualTo("200000.00").jsonPath("$.sale.agreement.balance").isEqualTo("2800000.00"));

        String lapsing = heldUnit("F", "101");
        confirm(UUID.randomUUID(), requestSmall(lapsing), lapsing, "SMALL", "20000.00", "SH-R-7");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, lapsing).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT"));
        holding.releaseLapsed(Instant.now().plus(Duration.ofDays(6))).block();
        f.unit(SITE, lapsing).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT");
        holding.releaseLapsed(Instant.now().plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1))).block();
        f.unit(SITE, lapsing).jsonPath("$.status").isEqualTo("AVAILABLE");
        f.unit(SITE, upgraded).jsonPath("$.status").isEqualTo("BIG_DEPOSIT");
    }

    @Test
    @DisplayName("R-DEAL-4 agreements are numbered by the year of the site's calendar: New Year's Eve in New York is already New Year in Shanghai")
    void theAgreementsYearIsTheSites() throws IOException {
        String newYork = "DS02";
        f.site(newYork, "America/New_York");
        f.customer(newYork, "ds-c2", newYork + "-rep1");
        Instant newYearsEve = Instant.parse("2025-12-31T20:00:00Z"); // 15:00 in New York, 04:00 on 1 January 2026 in Shanghai
        String there = bigDepositConfirmedAt(newYork, "ds-c2", "Y", newYearsEve);
        String here = bigDepositConfirmedAt(SITE, "ds-c1", "Y", newYearsEve);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            f.unit(newYork, there).jsonPath("$.sale.agreement.number").value(n -> assertThat((String) n).startsWith("RG-DS02-2025-"));
            f.unit(SITE, here).jsonPath("$.sale.agreement.number").value(n -> assertThat((String) n).startsWith("RG-DS01-2026-"));
        });
        byte[] pdf = web.get().uri("/api/deals/sites/{s}/units/{u}/agreement.pdf", newYork, there)
                .headers(h -> h.setBearerAuth(rep(newYork, 1))).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("2025年12月31日 15:00");
        }
    }

    /** A big deposit on a new unit of {@code site}, confirmed by the finance desk at {@code at}; answers the unit's id. */
    private String bigDepositConfirmedAt(String site, String customerId, String building, Instant at) {
        f.building(site, building, List.of("101,1,3000000"));
        String unit = site + "-" + building + "-101";
        f.hold(rep(site, 1), site, unit, customerId).expectStatus().isCreated();
        f.requestDeposit(rep(site, 1), site, unit, object("kind", "BIG", "amount", "100000", "buyer", buyer())).expectStatus().isCreated();
        String requestId = only(TopicProbe.events(Topics.DEAL, "deal.deposit-requested", p -> unit.equals(p.path("unitId").asString())))
                .path("payload").path("requestId").asString();
        confirm(UUID.randomUUID(), site, requestId, unit, "BIG", "100000.00", "R-" + site, at);
        return unit;
    }

    private String heldUnit(String building, String number) {
        f.building(SITE, building, List.of(number + ",1,3000000"));
        String unit = SITE + "-" + building + "-" + number;
        f.hold(rep(SITE, 1), SITE, unit, "ds-c1").expectStatus().isCreated();
        return unit;
    }

    private String requestSmall(String unit) {
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", 20000)).expectStatus().isCreated();
        return only(TopicProbe.events(Topics.DEAL, "deal.deposit-requested",
                p -> unit.equals(p.path("unitId").asString()) && "SMALL".equals(p.path("kind").asString()))).path("payload").path("requestId").asString();
    }

    /** What finance-service publishes when FINANCE confirms (R-FIN-2). */
    private UUID confirm(UUID eventId, String requestId, String unit, String kind, String amount, String receiptNo) {
        return confirm(eventId, SITE, requestId, unit, kind, amount, receiptNo, Instant.now());
    }

    private UUID confirm(UUID eventId, String site, String requestId, String unit, String kind, String amount, String receiptNo,
                         Instant at) {
        return TestEvents.publish(eventId, Topics.FINANCE, "finance.deposit-confirmed", 1, site, requestId, object(
                "requestId", requestId, "siteId", site, "unitId", unit, "holdId", null, "kind", kind, "receiptNo", receiptNo,
                "amount", new java.math.BigDecimal(amount), "method", "TRANSFER", "reference", "BANK-123", "confirmedBy", "fin-" + site,
                "confirmedAt", at.toString()), "it-" + UUID.randomUUID());
    }

    private static JsonNode only(List<JsonNode> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
