package io.anchang.deal;

import io.anchang.deal.application.ChangingUnits;
import io.anchang.deal.application.Units;
import io.anchang.deal.domain.Pricing;
import io.anchang.deal.domain.Unit;
import io.anchang.deal.domain.UnitStatus;
import io.anchang.platform.events.Topics;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.anchang.deal.DealFixture.manager;
import static io.anchang.deal.DealFixture.rep;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R-DEAL-7, unit change (换房), at deal-service: the rule, the MANAGER's approval, the deposit moving with
 * the deal, and the protocol over two documents — 50 concurrent changes onto one free unit leave exactly one,
 * and a change stopped half-way is finished or undone by the recovery sweep, never both units sold nor neither.
 */
class UnitChangeIntegrationTest extends DealIntegrationBase {

    static final String SITE = "UC01";
    static final String PATH = "/api/deals/sites/{s}/units/{u}/unit-change";

    @Autowired
    ChangingUnits changes;

    @Autowired
    Units units;

    DealFixture f;

    @BeforeEach
    void site() {
        f = fixture();
        f.site(SITE);
        f.customer(SITE, "uc-c1", SITE + "-rep1");
    }

    /** A unit entered by hand: number, area, list price, grade. */
    private String unit(String building, String number, String area, String price, String grade) {
        web.post().uri("/api/deals/sites/{s}/buildings/{b}/units", SITE, building).headers(h -> h.setBearerAuth(DealFixture.control(SITE)))
                .bodyValue(object("number", number, "floor", 1, "layout", "三室两厅", "area", new java.math.BigDecimal(area), "listPrice", price,
                        "orientation", "南", "grade", grade)).exchange().expectStatus().isEqualTo(HttpStatus.CREATED);
        return SITE + "-" + building + "-" + number;
    }

    @Test
    @DisplayName("R-DEAL-7 a change to a larger, lower-grade or dearer unit goes through: the deposit moves, the old unit is AVAILABLE, the agreement is issued again")
    void aChangeInsideTheRuleGoesThrough() {
        f.newBuilding(SITE, "R");
        String from = unit("R", "101", "100.00", "3000000", "A");
        String larger = unit("R", "102", "120.00", "2900000", "A");
        f.bigDeposit(SITE, from, "uc-c1", "200000.00");
        String agreement = (String) ((Map<?, ?>) f.sale(SITE, from).get("agreement")).get("number");
        String dealId = (String) f.sale(SITE, from).get("dealId");

        f.post(rep(SITE, 1), PATH, object("toUnitId", larger, "reason", "客户想要大一点的"), SITE, from).expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("MOVED").jsonPath("$.unit.id").isEqualTo(larger)
                .jsonPath("$.unit.status").isEqualTo("BIG_DEPOSIT").jsonPath("$.unit.sale.dealId").isEqualTo(dealId)
                .jsonPath("$.unit.sale.paid").isEqualTo("200000.00").jsonPath("$.unit.sale.price").isEqualTo("2900000.00")
                .jsonPath("$.unit.sale.move").doesNotExist();
        f.unit(SITE, from).jsonPath("$.status").isEqualTo("AVAILABLE").jsonPath("$.sale").doesNotExist();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> f.unit(SITE, larger).jsonPath("$.sale.agreement.number").value(n ->
                assertThat((String) n).isNotEqualTo(agreement)).jsonPath("$.sale.agreement.balance").isEqualTo("2700000.00")
                .jsonPath("$.sale.voidedAgreements[0].cause").isEqualTo("UNIT_CHANGE"));
        JsonNode changed = TopicProbe.events(Topics.DEAL, "deal.unit-changed", p -> dealId.equals(p.path("dealId").asString())).get(0).path("payload");
        assertThat(changed.path("rule").asString()).isEqualTo("LARGER");
        assertThat(changed.path("fromUnitId").asString()).isEqualTo(from);
        assertThat(changed.path("toUnitId").asString()).isEqualTo(larger);
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-released", p -> from.equals(p.path("unitId").asString())
                && "UNIT_CHANGED".equals(p.path("reason").asString()))).hasSize(1);
    }

    @Test
    @DisplayName("R-DEAL-7 a cheaper unit change is refused without a MANAGER's approval, and goes through with it")
    void aCheaperChangeNeedsTheManager() {
        f.newBuilding(SITE, "C");
        String from = unit("C", "101", "120.00", "3000000", "A");
        String cheaper = unit("C", "102", "120.00", "2800000", "A");
        f.depositConfirmed(SITE, from, "uc-c1", "SMALL", "20000.00");
        f.awaitDeal(SITE, from, "SMALL_DEPOSIT");

        f.post(rep(SITE, 1), PATH, object("toUnitId", cheaper, "reason", "预算不够"), SITE, from).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:unit-change-needs-approval");
        f.unit(SITE, from).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT");
        f.unit(SITE, cheaper).jsonPath("$.status").isEqualTo("AVAILABLE");

        @SuppressWarnings("unchecked")
        Map<String, Object> waiting = f.post(rep(SITE, 1), PATH, object("toUnitId", cheaper, "reason", "预算不够", "requestApproval", true), SITE, from)
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        String approvalId = (String) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) waiting.get("unit")).get("sale"))
                .get("approval")).get("approvalId");
        f.unit(SITE, cheaper).jsonPath("$.status").isEqualTo("AVAILABLE");
        f.post(manager(SITE), "/api/deals/sites/{s}/units/{u}/approvals/{a}", object("decision", "APPROVE"), SITE, from, approvalId)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:reason-required");
        f.post(manager(SITE), "/api/deals/sites/{s}/units/{u}/approvals/{a}", object("decision", "APPROVE", "reason", "老客户，同意"),
                SITE, from, approvalId).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("MOVED")
                .jsonPath("$.unit.id").isEqualTo(cheaper).jsonPath("$.unit.status").isEqualTo("SMALL_DEPOSIT");
        f.unit(SITE, from).jsonPath("$.status").isEqualTo("AVAILABLE");
        JsonNode changed = TopicProbe.events(Topics.DEAL, "deal.unit-changed", p -> cheaper.equals(p.path("toUnitId").asString())).get(0).path("payload");
        assertThat(changed.path("rule").asString()).isEqualTo("MANAGER_APPROVED");
        assertThat(changed.path("approvedBy").asString()).isEqualTo("mgr-" + SITE);
        assertThat(changed.path("reason").asString()).isEqualTo("老客户，同意");
    }

    @Test
    @DisplayName("R-DEAL-7 R-DEAL-1 50 concurrent changes onto one free unit leave exactly one: the free unit carries one deal, its old unit is AVAILABLE, the 49 others keep theirs")
    void fiftyChangesOntoOneUnitLeaveExactlyOne() {
        f.newBuilding(SITE, "F");
        List<String> from = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            from.add(unit("F", String.valueOf(100 + i), "100.00", "3000000", "A"));
        }
        String free = unit("F", "999", "100.00", "3100000", "A");
        from.forEach(u -> f.depositConfirmed(SITE, u, "uc-c1", "SMALL", "20000.00"));
        from.forEach(u -> f.awaitDeal(SITE, u, "SMALL_DEPOSIT"));

        WebClient client = WebClient.create("http://localhost:" + port);
        String token = rep(SITE, 1);
        List<Integer> statuses = Flux.fromIterable(from).flatMap(u -> client.post().uri(PATH, SITE, u).headers(h -> h.setBearerAuth(token))
                        .bodyValue(object("toUnitId", free)).exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 50)
                .collectList().block(Duration.ofSeconds(120));

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        Map<String, Object> winner = f.unitJson(SITE, free);
        assertThat(winner.get("status")).isEqualTo("SMALL_DEPOSIT");
        @SuppressWarnings("unchecked") String dealId = (String) ((Map<String, Object>) winner.get("sale")).get("dealId");
        List<Unit> all = units.ofBuilding(SiteScope.of(SITE), SITE, "F").collectList().block();
        // exactly one unit carries each deal, none shows a change under way
        assertThat(all).filteredOn(u -> u.sale() != null && u.sale().dealId().equals(dealId)).hasSize(1);
        assertThat(all).filteredOn(u -> u.status() == UnitStatus.SMALL_DEPOSIT).hasSize(50);
        assertThat(all).filteredOn(u -> u.status() == UnitStatus.AVAILABLE).hasSize(1);
        assertThat(all).allSatisfy(u -> assertThat(u.sale() == null || u.sale().dealing().move() == null).isTrue());
        assertThat(all.stream().filter(u -> u.sale() != null).map(u -> u.sale().dealId()).distinct().count()).isEqualTo(50);
    }

    @Test
    @DisplayName("R-DEAL-7 a change stopped after the new unit was claimed is committed by the recovery sweep: the deal on the new unit, the old one AVAILABLE")
    void aClaimedChangeIsFinishedByTheSweep() {
        f.newBuilding(SITE, "S");
        String from = unit("S", "101", "100.00", "3000000", "A");
        String to = unit("S", "102", "110.00", "3000000", "A");
        f.depositConfirmed(SITE, from, "uc-c1", "SMALL", "20000.00");
        f.awaitDeal(SITE, from, "SMALL_DEPOSIT");
        halfWay(from, to, "stopped-1", true);

        assertThat(changes.recover(Instant.now().plus(Duration.ofMinutes(1))).block()).isGreaterThanOrEqualTo(1L);
        f.unit(SITE, from).jsonPath("$.status").isEqualTo("AVAILABLE");
        f.unit(SITE, to).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT").jsonPath("$.sale.move").doesNotExist();
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-changed", p -> to.equals(p.path("toUnitId").asString()))).hasSize(1);
    }

    @Test
    @DisplayName("R-DEAL-7 a change stopped before the new unit was claimed, or whose old unit gave it up, is undone by the sweep: the deal stays, the new unit is AVAILABLE")
    void anUnclaimedChangeIsUndoneByTheSweep() {
        f.newBuilding(SITE, "U");
        String from = unit("U", "101", "100.00", "3000000", "A");
        String to = unit("U", "102", "110.00", "3000000", "A");
        f.depositConfirmed(SITE, from, "uc-c1", "SMALL", "20000.00");
        f.awaitDeal(SITE, from, "SMALL_DEPOSIT");
        halfWay(from, to, "stopped-2", false);
        changes.recover(Instant.now().plus(Duration.ofMinutes(1))).block();
        f.unit(SITE, from).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT").jsonPath("$.sale.move").doesNotExist();
        f.unit(SITE, to).jsonPath("$.status").isEqualTo("AVAILABLE");

        // the new unit claimed, but the old one no longer shows the change (it was undone there): the claim is given up
        halfWay(from, to, "stopped-3", true);
        Unit leaving = units.find(SiteScope.of(SITE), SITE, from).block();
        units.save(Caller.system("test"), leaving.undoMove("stopped-3").orElseThrow(), List.of()).block();
        changes.recover(Instant.now().plus(Duration.ofMinutes(1))).block();
        f.unit(SITE, from).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT");
        f.unit(SITE, to).jsonPath("$.status").isEqualTo("AVAILABLE").jsonPath("$.sale").doesNotExist();
    }

    /** Writes the first step of a change (and the second, if {@code claimed}) as a change that stopped there would leave them. */
    private void halfWay(String fromId, String toId, String changeId, boolean claimed) {
        Unit from = units.find(SiteScope.of(SITE), SITE, fromId).block();
        Unit to = units.find(SiteScope.of(SITE), SITE, toId).block();
        Unit leaving = from.startMove(changeId, to, "LARGER", null, null, Instant.now());
        assertThat(units.save(Caller.system("test"), leaving, List.of()).block()).isTrue();
        if (claimed) {
            Pricing.Price price = new Pricing.Price(to.listPrice(), java.math.BigDecimal.ZERO, to.listPrice(), null);
            assertThat(units.save(Caller.system("test"), to.arrive(leaving.written(), changeId, price, Instant.now()), List.of()).block()).isTrue();
            // meanwhile nobody else may take the claimed unit
            f.hold(rep(SITE, 1), SITE, toId, "uc-c1").expectStatus().isEqualTo(409);
        }
    }
}
