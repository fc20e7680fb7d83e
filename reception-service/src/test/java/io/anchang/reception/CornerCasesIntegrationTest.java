package io.anchang.reception;

import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.events.Topics;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.reception.application.CustomerDirectory;
import io.anchang.reception.application.DeskChanges;
import io.anchang.reception.application.ReceivingVisitors;
import io.anchang.reception.application.Sites;
import io.anchang.reception.application.Visits;
import io.anchang.reception.domain.Visit;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.anchang.reception.ReceptionFixture.aPhone;
import static io.anchang.reception.ReceptionFixture.manager;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * RULES.md's "Decisions on corner cases" where the desk and customer-service meet, through the desk's API with
 * customer-service answering beside it: who serves, whose turn it uses, who waits for whom.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestClock.Config.class)
class CornerCasesIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-desk-it");
        registry.add("anchang.customer.uri", () -> CustomerServiceBeside.shared().uri());
    }

    @Autowired
    WebTestClient web;

    @Autowired
    Sites sites;

    @Autowired
    Visits visits;

    @Autowired
    DeskChanges desks;

    @Autowired
    Clock clock;

    /** rep1 owns {@code phone} (first received and seen off); rep2 is then busy with a new customer: rep1 is the only free rep. */
    private Map<String, Object> ownerTheOnlyFreeRep(FrontDesk desk, String phone) {
        desk.rotation(1, 2);
        Map<String, Object> first = desk.walkIn(phone);
        assertThat(first.get("servedBy")).isEqualTo(desk.rep(1));
        desk.seeOff(first);
        Map<String, Object> busy = desk.walkIn(aPhone());
        assertThat(busy.get("servedBy")).isEqualTo(desk.rep(2));
        return busy;
    }

    @Test
    @DisplayName("R-ATT-6 a customer complains about their owner, the only free rep: the customer waits, never served by the owner; the complaint is lodged at once; the next other rep freed serves under R-ATT-6")
    void aComplainingCustomerWaitsForAnotherRep() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CA");
        String phone = aPhone();
        Map<String, Object> busy = ownerTheOnlyFreeRep(desk, phone);

        Map<String, Object> complaint = desk.walkIn(phone, "firstVisit", false, "complaint", "上次接待不耐烦");

        assertThat(complaint.get("state")).isEqualTo("WAITING");
        assertThat(complaint.get("servedBy")).isNull();
        assertThat(complaint.get("ruleId")).isEqualTo("R-ATT-6");
        assertThat(desk.serving()).doesNotContainKey(desk.rep(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(desk.inbox(desk.site + "-sup")).as("the complaint is lodged at once")
                        .anySatisfy(m -> assertThat(m.get("kind")).isEqualTo("COMPLAINT_LODGED")));

        desk.seeOff(busy);
        Map<String, Object> served = desk.visit("visitId", complaint);
        assertThat(served.get("state")).isEqualTo("SERVING");
        assertThat(served.get("servedBy")).isEqualTo(desk.rep(2));
        assertThat(served.get("usedTurn")).isEqualTo(false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> entry = desk.visit("visitId", complaint);
            assertThat(entry.get("ruleId")).isEqualTo("R-ATT-6");
            assertThat(entry.get("ownerRep")).as("B stays owner of record while the complaint waits").isEqualTo(desk.rep(1));
            assertThat(shares(desk, entry)).containsExactly("rep2 1.00 80", "rep1 0.00 20");
        });
    }

    @Test
    @DisplayName("R-ATT-5 a customer turns down their owner, the only free rep: the customer waits; the next other rep freed serves and owns, A 80 / B 20")
    void aCustomerWhoTurnsTheOwnerDownWaitsForAnotherRep() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CB");
        String phone = aPhone();
        Map<String, Object> busy = ownerTheOnlyFreeRep(desk, phone);

        Map<String, Object> refusal = desk.walkIn(phone, "firstVisit", false, "refusesOwner", true);

        assertThat(refusal.get("state")).isEqualTo("WAITING");
        assertThat(refusal.get("ruleId")).isEqualTo("R-ATT-5");
        assertThat(desk.serving()).doesNotContainKey(desk.rep(1));
        desk.seeOff(busy);
        assertThat(desk.visit("visitId", refusal).get("servedBy")).isEqualTo(desk.rep(2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> entry = desk.visit("visitId", refusal);
            assertThat(entry.get("ruleId")).isEqualTo("R-ATT-5");
            assertThat(entry.get("ownerRep")).isEqualTo(desk.rep(2));
            assertThat(shares(desk, entry)).containsExactly("rep2 1.00 80", "rep1 0.00 20");
        });
    }

    @Test
    @DisplayName("R-REC-6 a first-time customer naming a busy rep: a helper receives without a turn, and the named rep's turn is used — they go to the back")
    void aNamedRepWhoCannotServeStillGoesToTheBack() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CC");
        desk.rotation(1, 2, 3);
        desk.walkIn(aPhone());
        desk.walkIn(aPhone());
        assertThat(desk.turnOrder()).containsExactly(desk.rep(3), desk.rep(1), desk.rep(2));

        Map<String, Object> named = desk.walkIn(aPhone(), "firstVisit", true, "askedFor", desk.rep(1));

        assertThat(named.get("servedBy")).isEqualTo(desk.rep(3));
        assertThat(named.get("role")).isEqualTo("HELPER");
        assertThat(named.get("usedTurn")).isEqualTo(false);
        assertThat(named.get("ownerRep")).isEqualTo(desk.rep(1));
        assertThat(desk.turnOrder()).as("rep1's turn is used: rep1 goes to the back; the helper keeps its place")
                .containsExactly(desk.rep(3), desk.rep(2), desk.rep(1));
    }

    @Test
    @DisplayName("R-REC-6 a first-time customer naming a rep who is owed make-up turns: the named rep goes to the back and keeps the owed turn")
    void aNamedRepKeepsAnOwedTurn() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CD");
        desk.rotation(1, 2, 3);
        desk.status(1, "OUT");
        desk.walkIn(aPhone());
        assertThat(desk.owed(1)).isEqualTo(1);
        desk.status(1, "AVAILABLE");
        assertThat(desk.turnOrder()).containsExactly(desk.rep(3), desk.rep(1), desk.rep(2));

        Map<String, Object> named = desk.walkIn(aPhone(), "firstVisit", true, "askedFor", desk.rep(1));

        assertThat(named.get("servedBy")).isEqualTo(desk.rep(1));
        assertThat(named.get("usedTurn")).isEqualTo(true);
        assertThat(desk.owed(1)).as("the owed make-up turn is kept, not spent").isEqualTo(1);
        assertThat(desk.turnOrder()).containsExactly(desk.rep(3), desk.rep(2), desk.rep(1));
    }

    @Test
    @DisplayName("R-REC-8 R-ATT-1 a new customer still waiting when event mode ends uses the turn of the rotation's rep who takes them, and the register names R-ATT-1")
    void aNewCustomerWaitingThroughEventModeUsesATurn() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CE");
        desk.rotation(1, 2, 3);
        eventMode(desk, true);
        Map<String, Object> waiting = desk.walkIn(aPhone());
        assertThat(waiting.get("state")).isEqualTo("WAITING");

        eventMode(desk, false);

        Map<String, Object> taken = desk.visit("visitId", waiting);
        assertThat(taken.get("servedBy")).isEqualTo(desk.rep(1));
        assertThat(taken.get("usedTurn")).isEqualTo(true);
        assertThat(desk.turnOrder()).containsExactly(desk.rep(2), desk.rep(3), desk.rep(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> entry = desk.visit("visitId", waiting);
            assertThat(entry.get("ruleId")).isEqualTo("R-ATT-1");
            assertThat(entry.get("ownerRep")).isEqualTo(desk.rep(1));
            assertThat((String) entry.get("rule")).doesNotContain("有效期");
        });
    }

    @Test
    @DisplayName("R-SEC-4 R-REC-3 a walk-in customer-service refuses is rejected in the register: announced and kept on the audit trail with the reason, the held rep let go")
    void aRejectedWalkInIsAudited() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CF");
        desk.rotation(1, 2);
        List<String> order = desk.turnOrder();
        CustomerDirectory refusing = (site, request) -> Mono.error(ProblemException.invalid("statement-invalid",
                "客户所说的情况无法登记 (The statement cannot be registered)"));
        ReceivingVisitors receiving = new ReceivingVisitors(sites, visits, desks, refusing, clock);
        Caller clerk = new Caller(desk.rep(1), "张三", Set.of(Role.SALES), SiteScope.of(desk.site));
        String requestId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> receiving.walkIn(clerk, desk.site, new ReceivingVisitors.WalkIn(requestId, aPhone(), null, null, null))
                .block(Duration.ofSeconds(30))).isInstanceOf(ProblemException.class);

        String visitId = Visit.idFor(desk.site, Channel.VISIT, requestId);
        assertThat(desk.visit("visitId", Map.of("visitId", visitId)).get("state")).isEqualTo("REJECTED");
        assertThat(desk.turnOrder()).isEqualTo(order);
        assertThat(desk.up()).isEqualTo(desk.rep(1));
        assertThat(TopicProbe.events(Topics.RECEPTION, "reception.visit-rejected", p -> visitId.equals(p.path("visitId").asString())))
                .singleElement();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/reception/sites/{site}/audit", desk.site)
                .headers(h -> h.setBearerAuth(manager(desk.site))).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.action == 'reception.visit-rejected')].subject").isEqualTo(List.of(visitId))
                .jsonPath("$[?(@.action == 'reception.visit-rejected')].actor").isEqualTo(List.of(desk.rep(1)))
                .jsonPath("$[?(@.action == 'reception.visit-rejected')].reason").value(reasons ->
                        assertThat(reasons.toString()).contains("无法登记")));
    }

    private void eventMode(FrontDesk desk, boolean on) {
        web.put().uri("/api/reception/sites/{site}/event-mode", desk.site).headers(h -> h.setBearerAuth(manager(desk.site)))
                .bodyValue(object("on", on, "reason", on ? "开盘活动" : "活动结束")).exchange().expectStatus().isOk();
    }

    /** The entry's shares as "repN credit bonus", e.g. "rep2 1.00 80". */
    @SuppressWarnings("unchecked")
    private static List<String> shares(FrontDesk desk, Map<String, Object> entry) {
        return ((List<Map<String, Object>>) entry.get("shares")).stream()
                .map(s -> ((String) s.get("userId")).replace(desk.site + "-", "") + " "
                        + new java.math.BigDecimal(String.valueOf(s.get("credit"))).setScale(2) + " " + s.get("bonusPercent")).toList();
    }
}
