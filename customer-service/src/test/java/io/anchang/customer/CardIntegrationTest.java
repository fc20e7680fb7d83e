package io.anchang.customer;

import io.anchang.customer.application.TrackingCustomers;
import io.anchang.platform.events.Topics;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The card (R-CUS-1, 2, 4, 6, 7), the tracking form (R-CUS-5), search and export (R-CUS-13) through the API with the tokens
 * of reps, the SUPERVISOR and the MANAGER; deal-service's events on the real broker.
 */
class CardIntegrationTest extends ArchiveIntegrationTest {

    @Autowired
    TrackingCustomers tracking;

    private JsonNode card(String ref) {
        return json(web.get().uri(base() + "/customers/{c}/card", ref).headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk());
    }

    @Test
    @DisplayName("R-CUS-2 a class change keeps its history (who, when, why); only the customer's rep, a SUPERVISOR or the MANAGER classifies; class E is refused")
    void aClassChangeKeepsItsHistory() {
        Map<String, Object> customer = customerOf("A", "孙丽华");
        String ref = (String) customer.get("archiveNo");
        web.put().uri(base() + "/customers/{c}/class", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("intentClass", "B", "reason", "首次来访，预算 300 万")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLASSIFIED");
        web.put().uri(base() + "/customers/{c}/class", ref).headers(h -> h.setBearerAuth(supervisor()))
                .bodyValue(object("intentClass", "A", "reason", "带家人二次来访")).exchange().expectStatus().isOk();
        problem(web.put().uri(base() + "/customers/{c}/class", ref).headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("intentClass", "C")).exchange(), 403, "not-customers-rep", "");
        problem(web.put().uri(base() + "/customers/{c}/class", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("intentClass", "E")).exchange(), 400, "invalid-input", "intentClass");
        JsonNode card = card(ref);
        assertThat(card.path("intentClass").asString()).isEqualTo("A");
        assertThat(texts(card.path("classHistory"), "to")).containsExactly("B", "A");
        assertThat(texts(card.path("classHistory"), "by")).containsExactly(rep("A"), rep("sup"));
        assertThat(texts(card.path("classHistory"), "reason")).containsExactly("首次来访，预算 300 万", "带家人二次来访");
        assertThat(TopicProbe.events(Topics.CUSTOMER, "customer.class-changed", p -> p.path("customerId").asString()
                .equals(customer.get("customerId")) && "A".equals(p.path("to").asString()))).hasSize(1);
    }

    @Test
    @DisplayName("R-CUS-1 R-CUS-6 R-CUS-7 the status follows a deposit, a contract, a refund and a lapse made in deal-service, once each; owners are in the deal archive")
    void theStatusFollowsTheDeal() {
        Map<String, Object> customer = customerOf("A", "孙丽华");
        String id = (String) customer.get("customerId");
        Instant now = Instant.now();
        UUID small = TestEvents.publish(Topics.DEAL, "deal.small-deposit-taken", 1, site, "deal-1", object("dealId", "deal-1",
                "siteId", site, "unitId", site + "-1-502", "unitLabel", "1-502", "customerId", id, "repUserId", rep("A"),
                "requestId", "r1", "receiptNo", "SH01-2026-000001", "amount", new BigDecimal("20000.00"), "price", new BigDecimal("6500000.00"),
                "lapsesOn", LocalDate.now().plusDays(7).toString(), "takenAt", now.toString()), "it-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(card(id).path("status").asString()).isEqualTo("DEPOSIT"));
        TestEvents.publish(small, Topics.DEAL, "deal.small-deposit-taken", 1, site, "deal-1", object("dealId", "deal-1", "siteId", site,
                "unitId", site + "-1-502", "unitLabel", "1-502", "customerId", id, "takenAt", now.toString()), "it-again");
        UUID big = TestEvents.publish(Topics.DEAL, "deal.big-deposit-signed", 1, site, "deal-1", object("dealId", "deal-1", "siteId", site,
                "unitId", site + "-1-502", "unitLabel", "1-502", "customerId", id, "repUserId", rep("A"), "price", new BigDecimal("6500000.00"),
                "deposit", new BigDecimal("200000.00"), "agreementNo", "RG-1", "signedAt", now.plusSeconds(60).toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "customer.card-big-deposit", big);
        JsonNode card = card(id);
        assertThat(card.path("status").asString()).isEqualTo("DEAL");
        assertThat(texts(card.path("statusHistory"), "to")).containsExactly("DEPOSIT", "DEAL");
        assertThat(texts(card.path("statusHistory"), "cause")).containsExactly("deal.small-deposit-taken", "deal.big-deposit-signed");
        assertThat(texts(card.path("deals"), "step")).containsExactly("SMALL_DEPOSIT", "BIG_DEPOSIT");
        UUID contract = TestEvents.publish(Topics.DEAL, "deal.contract-signed", 1, site, "deal-1", object("dealId", "deal-1", "siteId", site,
                "unitId", site + "-1-502", "unitLabel", "1-502", "customerId", id, "contractId", "HT-1", "price", new BigDecimal("6500000.00"),
                "terms", list(), "shares", list(), "late", false, "signedAt", now.plusSeconds(120).toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "customer.card-contract", contract);
        assertThat(card(id).path("status").asString()).isEqualTo("OWNER");
        assertThat(texts(json(web.get().uri(base() + "/deal-archive").headers(h -> h.setBearerAuth(sales("C"))).exchange()), "archiveNo"))
                .containsExactly((String) customer.get("archiveNo"));

        Map<String, Object> third = customerOf("C", "吴先生");
        String refunding = (String) third.get("customerId");
        TestEvents.publish(Topics.DEAL, "deal.big-deposit-signed", 1, site, "deal-3", object("dealId", "deal-3", "siteId", site,
                "unitLabel", "1-601", "customerId", refunding, "repUserId", rep("C"), "signedAt", now.toString()), "it-" + UUID.randomUUID());
        UUID refunded = TestEvents.publish(Topics.DEAL, "deal.refunded", 1, site, "deal-3", object("approvalId", "ap-1", "dealId", "deal-3",
                "siteId", site, "unitLabel", "1-601", "customerId", refunding, "reason", "家庭变故，资金周转困难", "receipts", list(),
                "shares", list(), "refundedAt", now.plusSeconds(300).toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "customer.card-refund", refunded);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(texts(card(refunding).path("statusHistory"), "to"))
                .containsExactly("DEAL", "LOST"));
        assertThat(card(refunding).path("notebook").path("refundReasons").asString()).contains("家庭变故，资金周转困难");

        Map<String, Object> second = customerOf("B", "钱先生");
        String other = (String) second.get("customerId");
        TestEvents.publish(Topics.DEAL, "deal.small-deposit-taken", 1, site, "deal-2", object("dealId", "deal-2", "siteId", site,
                "unitLabel", "1-303", "customerId", other, "takenAt", now.toString()), "it-" + UUID.randomUUID());
        UUID lapsed = TestEvents.publish(Topics.DEAL, "deal.small-deposit-lapsed", 1, site, "deal-2", object("dealId", "deal-2", "siteId", site,
                "unitLabel", "1-303", "customerId", other, "deposits", list(), "paid", new BigDecimal("20000.00"),
                "lapsesAt", now.toString(), "lapsedAt", now.plusSeconds(120).toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "customer.card-small-deposit-lapsed", lapsed);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(texts(card(other).path("statusHistory"), "to"))
                .containsExactly("DEPOSIT", "FOLLOWING"));
        assertThat(TopicProbe.events(Topics.CUSTOMER, "customer.status-changed", p -> p.path("customerId").asString().equals(id))).hasSize(3);
    }

    @Test
    @DisplayName("R-CUS-1 R-CUS-6 R-CUS-7 a breach cancellation ruled in deal-service makes the owner lost (a penalty does not); unit and name changes show in the deal archive")
    void theCardFollowsBreachUnitAndNameChanges() {
        Map<String, Object> customer = customerOf("A", "周女士");
        String id = (String) customer.get("customerId");
        Instant now = Instant.now();
        TestEvents.publish(Topics.DEAL, "deal.big-deposit-signed", 1, site, "deal-b1", object("dealId", "deal-b1", "siteId", site,
                "unitId", site + "-2-1101", "unitLabel", "2-1101", "customerId", id, "repUserId", rep("A"), "signedAt", now.toString()),
                "it-" + UUID.randomUUID());
        UUID unitChanged = TestEvents.publish(Topics.DEAL, "deal.unit-changed", 1, site, "deal-b1", object("changeId", "uc-b1",
                "dealId", "deal-b1", "siteId", site, "fromUnitId", site + "-2-1101", "fromUnitLabel", "2-1101", "toUnitId", site + "-2-1202",
                "toUnitLabel", "2-1202", "status", "BIG_DEPOSIT", "rule", "LARGER", "customerId", id, "repUserId", rep("A"),
                "changedAt", now.plusSeconds(30).toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "customer.card-unit-changed", unitChanged);
        UUID nameChanged = TestEvents.publish(Topics.DEAL, "deal.name-changed", 1, site, "deal-b1", object("nameChangeId", "nc-b1",
                "dealId", "deal-b1", "siteId", site, "unitId", site + "-2-1202", "unitLabel", "2-1202", "fromName", "周女士", "toName", "周女士、陈先生",
                "toPhoneMasked", "139****0001", "afterContract", false, "changedAt", now.plusSeconds(40).toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "customer.card-name-changed", nameChanged);
        TestEvents.publish(Topics.DEAL, "deal.contract-signed", 1, site, "deal-b1", object("dealId", "deal-b1", "siteId", site,
                "unitId", site + "-2-1202", "unitLabel", "2-1202", "customerId", id, "contractId", "HT-b1", "terms", list(), "shares", list(),
                "late", false, "signedAt", now.plusSeconds(60).toString()), "it-" + UUID.randomUUID());
        UUID penalty = TestEvents.publish(Topics.DEAL, "deal.breach-ruled", 1, site, "deal-b1", object("breachId", "br-1", "dealId", "deal-b1",
                "siteId", site, "unitLabel", "2-1202", "customerId", id, "ruling", "PENALTY", "penalty", new BigDecimal("5000.00"),
                "reason", "逾期两个月以上，罚金了结", "shares", list(), "ruledAt", now.plusSeconds(90).toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "customer.card-breach-cancelled", penalty);
        JsonNode owner = card(id);
        assertThat(owner.path("status").asString()).as("a penalty leaves the owner an owner").isEqualTo("OWNER");
        assertThat(texts(owner.path("deals"), "step")).containsExactly("BIG_DEPOSIT", "UNIT_CHANGED", "NAME_CHANGED", "CONTRACT");
        assertThat(texts(owner.path("deals"), "unitLabel")).containsExactly("2-1101", "2-1202", "2-1202", "2-1202");
        assertThat(texts(owner.path("deals"), "note")).contains("换房 2-1101 → 2-1202", "更名 周女士 → 周女士、陈先生（签约前，认购书作废重签）");

        UUID cancelled = TestEvents.publish(Topics.DEAL, "deal.breach-ruled", 1, site, "deal-b1", object("breachId", "br-2", "dealId", "deal-b1",
                "siteId", site, "unitLabel", "2-1202", "customerId", id, "ruling", "CANCELLATION", "reason", "逾期三个月未付，解除合同",
                "shares", list(), "ruledAt", now.plusSeconds(120).toString()), "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(DATABASE, "customer.card-breach-cancelled", cancelled);
        TestEvents.publish(cancelled, Topics.DEAL, "deal.breach-ruled", 1, site, "deal-b1", object("breachId", "br-2", "dealId", "deal-b1",
                "siteId", site, "unitLabel", "2-1202", "customerId", id, "ruling", "CANCELLATION", "reason", "逾期三个月未付，解除合同",
                "shares", list(), "ruledAt", now.plusSeconds(120).toString()), "it-again");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(card(id).path("status").asString()).isEqualTo("LOST"));
        JsonNode lost = card(id);
        assertThat(texts(lost.path("statusHistory"), "to")).containsExactly("DEAL", "OWNER", "LOST");
        assertThat(texts(lost.path("statusHistory"), "cause")).containsExactly("deal.big-deposit-signed", "deal.contract-signed",
                "deal.breach-ruled");
        assertThat(lost.path("notebook").path("refundReasons").asString()).isEqualTo("违约解除 2-1202：逾期三个月未付，解除合同");
        assertThat(TopicProbe.events(Topics.CUSTOMER, "customer.status-changed", p -> p.path("customerId").asString().equals(id)
                && "LOST".equals(p.path("to").asString()))).hasSize(1);
    }

    @Test
    @DisplayName("R-CUS-5 a follow-up past its date shows as overdue to the SUPERVISOR and is announced once; the rep sees the day's follow-ups")
    void overdueFollowUpsShowToTheSupervisor() {
        Map<String, Object> customer = customerOf("A", "孙丽华");
        String ref = (String) customer.get("archiveNo");
        web.put().uri(base() + "/customers/{c}/class", ref).headers(h -> h.setBearerAuth(sales("A"))).bodyValue(object("intentClass", "A"))
                .exchange().expectStatus().isOk();
        LocalDate today = today();
        web.post().uri(base() + "/customers/{c}/tracking", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("method", "电话", "note", "介绍精装标准", "objections", "嫌单价高", "nextStep", "邀约周末看样板间",
                        "nextDate", today.plusDays(2).toString())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("FOLLOWING").jsonPath("$.followUps[0].tracking.objections").isEqualTo("嫌单价高")
                .jsonPath("$.nextFollowUp").isEqualTo(today.plusDays(2).toString());
        at(today.plusDays(2), LocalTime.of(9, 0));
        JsonNode day = json(web.get().uri(base() + "/follow-ups/today").headers(h -> h.setBearerAuth(sales("A"))).exchange().expectStatus().isOk());
        assertThat(texts(day.path("due"), "archiveNo")).containsExactly(ref);
        assertThat(day.path("overdue").size()).isZero();
        assertThat(json(web.get().uri(base() + "/follow-ups/overdue").headers(h -> h.setBearerAuth(supervisor())).exchange()).size()).isZero();

        at(today.plusDays(4), LocalTime.of(9, 0));
        JsonNode overdue = json(web.get().uri(base() + "/follow-ups/overdue").headers(h -> h.setBearerAuth(supervisor())).exchange().expectStatus().isOk());
        assertThat(texts(overdue.path(rep("A")), "archiveNo")).containsExactly(ref);
        assertThat(overdue.path(rep("A")).get(0).path("dueOn").asString()).isEqualTo(today.plusDays(2).toString());
        problem(web.get().uri(base() + "/follow-ups/overdue").headers(h -> h.setBearerAuth(sales("A"))).exchange(), 403, "role-required", "");
        problem(web.get().uri(base() + "/follow-ups/today?rep={rep}", rep("A")).headers(h -> h.setBearerAuth(sales("B"))).exchange(),
                403, "not-your-list", "");
        assertThat(tracking.announceOverdue().block()).isGreaterThanOrEqualTo(1);
        tracking.announceOverdue().block();
        List<JsonNode> announced = TopicProbe.events(Topics.CUSTOMER, "customer.follow-up-overdue",
                p -> p.path("customerId").asString().equals(customer.get("customerId")));
        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).path("payload").path("rep").asString()).isEqualTo(rep("A"));

        // following up again clears it
        web.post().uri(base() + "/customers/{c}/tracking", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("method", "来访", "note", "看了样板间", "nextDate", today.plusDays(10).toString())).exchange().expectStatus().isOk();
        assertThat(json(web.get().uri(base() + "/follow-ups/overdue").headers(h -> h.setBearerAuth(supervisor())).exchange()).size()).isZero();
    }

    @Test
    @DisplayName("R-CUS-5 R-ATT-12 bad follow-ups — dated before the customer existed, in the future, by another rep, a next date before it — store nothing")
    void badFollowUpsStoreNothing() {
        Map<String, Object> customer = customerOf("A", "吴先生");
        String ref = (String) customer.get("archiveNo");
        LocalDate registered = LocalDate.ofInstant(Instant.parse(card(ref).path("registeredAt").asString()), SHANGHAI);
        problem(web.post().uri(base() + "/customers/{c}/tracking", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("method", "电话", "note", "x", "day", registered.minusDays(3).toString())).exchange(),
                400, "follow-up-before-customer", "早于客户的首次登记");
        problem(web.post().uri(base() + "/customers/{c}/tracking", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("method", "电话", "note", "x", "day", today().plusDays(1).toString())).exchange(),
                400, "follow-up-in-the-future", "还没有到");
        problem(web.post().uri(base() + "/customers/{c}/tracking", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("method", "电话", "note", "x", "nextDate", today().minusDays(1).toString())).exchange(),
                400, "next-follow-up-invalid", "下次跟进日期");
        problem(web.post().uri(base() + "/customers/{c}/tracking", ref).headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("method", "电话", "note", "x")).exchange(), 403, "not-credit-holder", "R-ATT-12");
        problem(web.post().uri(base() + "/customers/{c}/tracking", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("method", "电话", "note", "很".repeat(2001))).exchange(), 400, "invalid-input", "note");
        assertThat(card(ref).path("followUps").size()).isZero();
    }

    @Test
    @DisplayName("R-CUS-4 R-CUS-5 a 1 MB note — in the notebook or on a follow-up — is 413, a note past its bound 400, a lost reason of 1 MB 413: nothing stored")
    void aOneMegabyteNoteStoresNothing() {
        String ref = (String) customerOf("A", "冯女士").get("archiveNo");
        String megabyte = "很".repeat(350_000);
        problem(web.put().uri(base() + "/customers/{c}/notebook", ref).headers(h -> h.setBearerAuth(sales("A")))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"background\":\"" + megabyte + "\"}").exchange(), 413, "body-too-large", "");
        problem(web.put().uri(base() + "/customers/{c}/notebook", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("notes", "很".repeat(20_001))).exchange(), 400, "invalid-input", "notes");
        problem(web.post().uri(base() + "/customers/{c}/tracking", ref).headers(h -> h.setBearerAuth(sales("A")))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"method\":\"电话\",\"note\":\"" + megabyte + "\"}").exchange(), 413, "body-too-large", "");
        problem(web.post().uri(base() + "/customers/{c}/lost", ref).headers(h -> h.setBearerAuth(sales("A")))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"" + megabyte + "\"}").exchange(), 413, "body-too-large", "");
        JsonNode card = card(ref);
        assertThat(card.path("notebook").isNull() || card.path("notebook").isMissingNode()).as("no notebook written").isTrue();
        assertThat(card.path("followUps").size()).isZero();
        assertThat(card.path("status").asString()).isEqualTo("RECORDED");
    }

    @Test
    @DisplayName("R-CUS-4 R-CUS-6 the notebook keeps the rep's notes; a lost customer keeps the reason and is still followed, then reopened")
    void notebookAndLostCustomers() {
        String ref = (String) customerOf("A", "郑女士").get("archiveNo");
        web.put().uri(base() + "/customers/{c}/notebook", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("background", "在陆家嘴做金融，两个孩子", "suggestions", "希望增加儿童游乐区")).exchange().expectStatus().isOk();
        web.post().uri(base() + "/customers/{c}/lost", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("reason", "买了对面楼盘，学区更近")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("LOST").jsonPath("$.notebook.reasonsNotBuying").isEqualTo("买了对面楼盘，学区更近")
                .jsonPath("$.notebook.background").isEqualTo("在陆家嘴做金融，两个孩子");
        problem(web.post().uri(base() + "/customers/{c}/lost", ref).headers(h -> h.setBearerAuth(sales("A"))).bodyValue(object("reason", ""))
                .exchange(), 400, "invalid-input", "reason");
        web.post().uri(base() + "/customers/{c}/tracking", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("method", "电话", "note", "节日问候，顺便介绍二期")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("LOST").jsonPath("$.followUps.length()").isEqualTo(1);
        web.post().uri(base() + "/customers/{c}/reopen", ref).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("reason", "对二期有兴趣")).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("FOLLOWING");
        assertThat(texts(json(web.get().uri(base() + "/archive?status=LOST").headers(h -> h.setBearerAuth(manager())).exchange())
                .path("items"), "archiveNo")).isEmpty();
    }

    @Test
    @DisplayName("R-CUS-1 R-SEC-3 R-SEC-1 the archive is searched by name, masked phone, number, class, status, owner and dates, paged; never a whole phone in a URL, never another site")
    void searchingTheArchive() {
        Map<String, Object> sun = customerOf("A", "孙丽华");
        Map<String, Object> qian = customerOf("B", "钱先生");
        customerOf("A", "孙先生");
        web.put().uri(base() + "/customers/{c}/class", sun.get("archiveNo")).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("intentClass", "A")).exchange().expectStatus().isOk();
        String masked = (String) sun.get("phoneMasked");
        assertThat(hits("name=孙")).hasSize(2);
        assertThat(hits("phone=" + masked)).containsExactly((String) sun.get("archiveNo"));
        assertThat(hits("phone=" + masked.substring(masked.length() - 4))).contains((String) sun.get("archiveNo"));
        assertThat(hits("class=A")).containsExactly((String) sun.get("archiveNo"));
        assertThat(hits("status=RECORDED&owner=" + rep("B"))).containsExactly((String) qian.get("archiveNo"));
        assertThat(hits("archiveNo=" + site + "-00000")).hasSize(3);
        assertThat(hits("from=" + today().plusDays(1))).isEmpty();
        JsonNode page = json(web.get().uri(base() + "/archive?size=2&page=1").headers(h -> h.setBearerAuth(sales("C"))).exchange().expectStatus().isOk());
        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("items").size()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("phones").get(0).asString()).contains("****");
        problem(web.get().uri(base() + "/archive?phone=13912345678").headers(h -> h.setBearerAuth(manager())).exchange(), 400, "phone-in-url", "");
        problem(web.get().uri(base() + "/archive?class=E").headers(h -> h.setBearerAuth(manager())).exchange(), 400, "invalid-input", "");
        problem(web.get().uri(base() + "/archive?size=1000").headers(h -> h.setBearerAuth(manager())).exchange(), 400, "page-invalid", "");
        web.get().uri(base() + "/archive").headers(h -> h.setBearerAuth(ISSUER.token("BJ01-rep1", "SALES", "BJ01"))).exchange()
                .expectStatus().isForbidden();
        web.get().uri(base() + "/customers/{c}/card", sun.get("customerId")).headers(h -> h.setBearerAuth(ISSUER.token("BJ01-rep1", "SALES", "BJ01")))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("R-CUS-13 R-SEC-3 an export leaves an audit entry — who, how many, what was asked — and holds phones masked only; a rep may not export")
    void anExportLeavesAnAuditEntry() {
        Map<String, Object> sun = customerOf("A", "孙丽华");
        customerOf("B", "钱先生");
        problem(web.get().uri(base() + "/exports/customers.csv").headers(h -> h.setBearerAuth(sales("A"))).exchange(), 403, "role-required", "");
        byte[] csv = web.get().uri(base() + "/exports/customers.csv?owner={o}", rep("A")).headers(h -> h.setBearerAuth(manager())).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody().returnResult().getResponseBodyContent();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("档案编号,姓名,电话", (String) sun.get("archiveNo"), (String) sun.get("phoneMasked")).doesNotContain("钱先生");
        assertThat(text.lines().count()).isEqualTo(2);
        JsonNode audit = auditWith("customer.archive-exported");
        JsonNode entry = null;
        for (JsonNode e : audit) {
            if ("customer.archive-exported".equals(e.path("action").asString())) {
                entry = e;
            }
        }
        assertThat(entry.path("actor").asString()).isEqualTo(rep("mgr"));
        assertThat(entry.path("after").asString()).contains("\"rows\":1", "owner=" + rep("A"));
    }

    private List<String> hits(String query) {
        return texts(json(web.get().uri(base() + "/archive?" + query).headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk())
                .path("items"), "archiveNo");
    }
}
