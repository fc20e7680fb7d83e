package io.anchang.reception;

import io.anchang.platform.events.Topics;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.anchang.reception.ReceptionFixture.aPhone;
import static io.anchang.reception.ReceptionFixture.manager;
import static io.anchang.reception.ReceptionFixture.sales;
import static io.anchang.reception.ReceptionFixture.supervisor;
import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The front desk through the API, with customer-service answering beside it (flow 1): the
 * rotation, presence and owed turns, the queue, event mode, the registers, violations, the
 * inbox — each rule with the policy's numbers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestClock.Config.class)
class FrontDeskIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-desk-it");
        registry.add("anchang.customer.uri", () -> CustomerServiceBeside.shared().uri());
    }

    @Autowired
    WebTestClient web;

    @Test
    @DisplayName("R-REC-1 new customers go to the up rep, who goes to the back; the on-deck rep is up next")
    void theUpRepTakesTheNextNewCustomerAndGoesToTheBack() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RA");
        Map<String, Object> board = desk.rotation(2, 1, 3);
        assertThat(((Map<?, ?>) board.get("up")).get("userId")).isEqualTo(desk.rep(2));
        assertThat(((Map<?, ?>) board.get("onDeck")).get("userId")).isEqualTo(desk.rep(1));

        Map<String, Object> first = desk.walkIn(aPhone(), "firstVisit", true);
        assertThat(first.get("servedBy")).isEqualTo(desk.rep(2));
        assertThat(first.get("usedTurn")).isEqualTo(true);
        assertThat(first.get("ruleId")).isEqualTo("R-ATT-1");
        assertThat(first.get("newCustomer")).isEqualTo(true);
        assertThat((String) first.get("archiveNo")).startsWith(desk.site + "-");
        assertThat(first.get("ownerRep")).isEqualTo(desk.rep(2));
        assertThat(desk.turnOrder()).containsExactly(desk.rep(1), desk.rep(3), desk.rep(2));
        assertThat(desk.up()).isEqualTo(desk.rep(1));

        Map<String, Object> second = desk.walkIn(aPhone());
        assertThat(second.get("servedBy")).isEqualTo(desk.rep(1));
        assertThat(desk.turnOrder()).containsExactly(desk.rep(3), desk.rep(2), desk.rep(1));
    }

    @Test
    @DisplayName("R-REC-2 BUSY and OUT reps are skipped; an OUT rep is owed each turn skipped and, back, takes them first; BUSY is owed nothing")
    void outRepsAreOwedTheirTurnsAndTakeThemFirst() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RB");
        desk.rotation(1, 2, 3, 4);
        desk.status(1, "OUT");
        Map<String, Object> a = desk.walkIn(aPhone());
        assertThat(a.get("servedBy")).isEqualTo(desk.rep(2));
        assertThat(desk.owed(1)).isEqualTo(1);
        Map<String, Object> b = desk.walkIn(aPhone());
        Map<String, Object> c = desk.walkIn(aPhone());
        assertThat(List.of(b.get("servedBy"), c.get("servedBy"))).containsExactly(desk.rep(3), desk.rep(4));
        assertThat(desk.turnOrder()).containsExactly(desk.rep(1), desk.rep(2), desk.rep(3), desk.rep(4));

        desk.seeOff(a);
        Map<String, Object> d = desk.walkIn(aPhone());
        assertThat(d.get("servedBy")).isEqualTo(desk.rep(2));
        assertThat(desk.owed(1)).as("skipped a second time while OUT").isEqualTo(2);

        desk.seeOff(c);
        // rep3 is BUSY at the head: passed over, owed nothing (owedTurnsWhenBusy = false)
        Map<String, Object> e = desk.walkIn(aPhone());
        assertThat(e.get("servedBy")).isEqualTo(desk.rep(4));
        assertThat(desk.owed(3)).isZero();

        desk.status(1, "AVAILABLE");
        assertThat(desk.up()).isEqualTo(desk.rep(1));
        Map<String, Object> f = desk.walkIn(aPhone());
        assertThat(f.get("servedBy")).isEqualTo(desk.rep(1));
        assertThat(desk.owed(1)).as("one make-up turn repaid").isEqualTo(1);
        desk.seeOff(f);
        assertThat(desk.up()).as("still owed one, rep1 is up again").isEqualTo(desk.rep(1));

        Map<String, Object> seenOff = desk.seeOff(b);
        assertThat(seenOff.get("state")).isEqualTo("SEEN_OFF");
        assertThat(((Number) seenOff.get("durationSeconds")).longValue()).isGreaterThanOrEqualTo(0);
        assertThat(seenOff.get("seenOffAt")).isNotNull();
    }

    @Test
    @DisplayName("R-REC-9 when nobody can serve, customers wait in arrival order and go to the next free rep; the board shows each wait")
    void customersWaitInArrivalOrderAndGoToTheNextFreeRep() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RC");
        desk.rotation(1, 2);
        Map<String, Object> a = desk.walkIn(aPhone());
        Map<String, Object> b = desk.walkIn(aPhone());
        Map<String, Object> c = desk.walkIn(aPhone());
        Map<String, Object> d = desk.walkIn(aPhone());
        assertThat(c.get("state")).isEqualTo("WAITING");
        assertThat(d.get("state")).isEqualTo("WAITING");
        assertThat(c.get("servedBy")).isNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> queue = (List<Map<String, Object>>) desk.board().get("queue");
        assertThat(queue).extracting(w -> w.get("visitId")).containsExactly(c.get("visitId"), d.get("visitId"));
        assertThat(queue).allSatisfy(w -> assertThat(w.get("waitedSeconds")).isNotNull());

        desk.seeOff(b);
        Map<String, Object> cNow = desk.visit("visitId", c);
        assertThat(cNow.get("state")).isEqualTo("SERVING");
        assertThat(cNow.get("servedBy")).isEqualTo(b.get("servedBy"));
        assertThat(cNow.get("usedTurn")).isEqualTo(true);
        assertThat(desk.visit("visitId", d).get("state")).isEqualTo("WAITING");
        // customer-service learns who took the waiting customer: the claim goes to them (R-ATT-1)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(desk.visit("visitId", c).get("ownerRep")).isEqualTo(b.get("servedBy")));
        assertThat(a.get("servedBy")).isNotEqualTo(b.get("servedBy"));
    }

    @Test
    @DisplayName("R-REC-1 concurrent walk-ins never hand out the same turn twice: each served once or queued")
    void concurrentWalkInsNeverShareATurn() throws Exception {
        FrontDesk desk = FrontDesk.aNewSite(web, "RD");
        desk.rotation(1, 2, 3, 4);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        ConcurrentLinkedQueue<Map<String, Object>> answers = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 24; i++) {
            pool.submit(() -> answers.add(desk.walkIn(aPhone())));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        assertThat(answers).hasSize(24);
        List<Object> servers = answers.stream().map(a -> a.get("servedBy")).filter(s -> s != null).toList();
        assertThat(servers).hasSize(4).doesNotHaveDuplicates();
        assertThat(answers.stream().filter(a -> "WAITING".equals(a.get("state")))).hasSize(20);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> queue = (List<Map<String, Object>>) desk.board().get("queue");
        assertThat(queue).hasSize(20);
    }

    @Test
    @DisplayName("flow 1 idempotency: the same visit sent twice (same request id) is registered and attributed once")
    void theSameVisitTwiceIsOneVisit() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RE");
        desk.rotation(1, 2, 3);
        String requestId = UUID.randomUUID().toString();
        String phone = aPhone();
        Map<String, Object> first = desk.walkInWith(requestId, phone);
        List<String> order = desk.turnOrder();
        desk.web.post().uri("/api/reception/sites/{site}/visits", desk.site).headers(h -> h.setBearerAuth(desk.desk()))
                .bodyValue(object("requestId", requestId, "phone", phone)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.visitId").isEqualTo(first.get("visitId"))
                .jsonPath("$.servedBy").isEqualTo(first.get("servedBy"))
                .jsonPath("$.archiveNo").isEqualTo(first.get("archiveNo"));
        assertThat(desk.turnOrder()).isEqualTo(order);
        assertThat(desk.order().stream().filter(r -> "BUSY".equals(r.get("status")))).hasSize(1);
    }

    @Test
    @DisplayName("R-REC-1 R-REC-3 a walk-in's requestId reused for another phone is refused 409 request-id-reused: the first visit stays as it was, nobody else is registered, no turn is used")
    void aWalkInsRequestIdReusedForAnotherPhoneIsRefused() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RE");
        desk.rotation(1, 2, 3);
        String requestId = UUID.randomUUID().toString();
        String phone = aPhone();
        Map<String, Object> first = desk.walkInWith(requestId, phone);
        List<String> order = desk.turnOrder();
        Map<String, Object> firstStored = desk.visit("visitId", first);

        // another customer; the same customer with another name; the same request sent by another clerk of the desk
        List<WebTestClient.ResponseSpec> reused = List.of(
                desk.post(desk.desk(), "/visits", object("requestId", requestId, "phone", aPhone())),
                desk.post(desk.desk(), "/visits", object("requestId", requestId, "phone", phone, "name", "另一位")),
                desk.post(sales(desk.site, desk.rep(4)), "/visits", object("requestId", requestId, "phone", phone)));
        for (WebTestClient.ResponseSpec refused : reused) {
            refused.expectStatus().isEqualTo(409)
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:request-id-reused")
                    .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).startsWith("这个请求编号已用于")
                            .contains(String.valueOf(first.get("phone"))))
                    // the entry that stands, so that a desk whose answer was lost learns the first one was registered
                    .jsonPath("$.visitId").isEqualTo(first.get("visitId"))
                    .jsonPath("$.phone").isEqualTo(first.get("phone"));
        }

        assertThat(desk.visit("visitId", first)).as("the first visit untouched").isEqualTo(firstStored);
        assertThat(desk.turnOrder()).as("no turn used by the refused repeat").isEqualTo(order);
        assertThat(desk.order().stream().filter(r -> "BUSY".equals(r.get("status")))).hasSize(1);
        assertThat(desk.register()).as("one entry in the register: the refused request wrote nothing").hasSize(1);
    }

    @Test
    @DisplayName("R-REC-3 a call's requestId reused for another phone or another taker is refused 409 request-id-reused; a true repeat answers the first call")
    void aCallsRequestIdReusedForAnotherCallIsRefused() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RE");
        desk.rotation(1, 2, 3);
        String requestId = UUID.randomUUID().toString();
        String phone = aPhone();
        Map<String, Object> first = desk.post(sales(desk.site, desk.rep(3)), "/calls", object("requestId", requestId, "phone", phone))
                .expectStatus().isCreated().expectBody(FrontDesk.MAP).returnResult().getResponseBody();
        Map<String, Object> firstStored = desk.visit("visitId", first);

        desk.post(sales(desk.site, desk.rep(3)), "/calls", object("requestId", requestId, "phone", aPhone())).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:request-id-reused");
        desk.post(sales(desk.site, desk.rep(2)), "/calls", object("requestId", requestId, "phone", phone)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:request-id-reused");
        desk.post(sales(desk.site, desk.rep(3)), "/calls", object("requestId", requestId, "phone", phone)).expectStatus().isOk()
                .expectBody().jsonPath("$.visitId").isEqualTo(first.get("visitId"));

        assertThat(desk.visit("visitId", first)).as("the first call untouched").isEqualTo(firstStored);
        assertThat(desk.register()).as("one entry in the register").hasSize(1);
    }

    @Test
    @DisplayName("R-REC-3 R-ATT-1 R-SEC-3 every call and reception is registered with its time, phones masked; the call register makes the caller the taker's customer")
    @SuppressWarnings("unchecked")
    void callsAndVisitsAreRegisteredWithTheirTime() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RF");
        desk.rotation(1, 2, 3);
        String phone = aPhone();
        Map<String, Object> call = desk.call(phone, desk.rep(3));
        assertThat(call.get("channel")).isEqualTo("CALL");
        assertThat(call.get("ruleId")).isEqualTo("R-ATT-1");
        assertThat(call.get("ownerRep")).isEqualTo(desk.rep(3));
        assertThat((String) call.get("phone")).contains("****");
        Map<String, Object> visit = desk.walkIn(phone, "firstVisit", false);
        assertThat(visit.get("servedBy")).as("the first registration, by call, wins").isEqualTo(desk.rep(3));
        assertThat(visit.get("usedTurn")).isEqualTo(false);
        List<Map<String, Object>> register = web.get().uri("/api/reception/sites/{site}/visits", desk.site)
                .headers(h -> h.setBearerAuth(manager(desk.site))).exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream().map(m -> (Map<String, Object>) m).toList();
        assertThat(register).extracting(e -> e.get("channel")).containsExactly("CALL", "VISIT");
        assertThat(register).allSatisfy(e -> assertThat(e.get("at")).isNotNull());
        assertThat(register).allSatisfy(e -> assertThat((String) e.get("phone")).matches("\\d{3}\\*{4}\\d{4}"));
    }

    @Test
    @DisplayName("R-REC-5 the receiving rep receives whatever the answer: a customer who turns the owner down is served at once, R-ATT-5 80/20")
    void theCustomerIsReceivedWhateverTheAnswer() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RG");
        desk.rotation(1, 2, 3);
        String phone = aPhone();
        Map<String, Object> first = desk.walkIn(phone);
        desk.seeOff(first);
        Map<String, Object> again = desk.walkIn(phone, "firstVisit", false, "refusesOwner", true);
        assertThat(again.get("state")).isEqualTo("SERVING");
        assertThat(again.get("servedBy")).isEqualTo(desk.rep(2));
        assertThat(again.get("ruleId")).isEqualTo("R-ATT-5");
        assertThat((String) again.get("rule")).contains("80%").contains("20%");
        assertThat(again.get("ownerRep")).as("the serving rep owns the customer now").isEqualTo(desk.rep(2));
        assertThat(shares(desk, again)).as("credit to the serving rep; bonus 80 to them, 20 to the owner turned down")
                .containsExactly("rep2 1.00 80", "rep1 0.00 20");
        assertThat(again.get("usedTurn")).isEqualTo(false);
    }

    @Test
    @DisplayName("R-REC-6 a first-time customer asking for a rep on entering is that rep's customer, outside the order table, on that rep's turn: the named rep goes to the back, the up rep keeps the next new customer")
    void aNamedFirstVisitTakesTheNamedRepsTurn() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RH");
        desk.rotation(1, 2, 3);
        Map<String, Object> named = desk.walkIn(aPhone(), "firstVisit", true, "askedFor", desk.rep(2));
        assertThat(named.get("servedBy")).isEqualTo(desk.rep(2));
        assertThat(named.get("ownerRep")).isEqualTo(desk.rep(2));
        assertThat(named.get("usedTurn")).isEqualTo(true);
        assertThat(named.get("ruleId")).isEqualTo("R-REC-6");
        assertThat(desk.turnOrder()).as("rep2's turn: rep2 goes to the back, nobody else moves")
                .containsExactly(desk.rep(1), desk.rep(3), desk.rep(2));
        assertThat(desk.up()).as("the up rep keeps the next new customer").isEqualTo(desk.rep(1));
    }

    @Test
    @DisplayName("R-REC-7 R-ATT-4 a return visit goes back to the owner and uses no turn: the order does not move")
    void aReturnVisitUsesNoTurn() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RI");
        desk.rotation(1, 2, 3);
        String phone = aPhone();
        desk.seeOff(desk.walkIn(phone));
        List<String> before = desk.turnOrder();
        Map<String, Object> back = desk.walkIn(phone, "firstVisit", false);
        assertThat(back.get("servedBy")).isEqualTo(desk.rep(1));
        assertThat(back.get("usedTurn")).isEqualTo(false);
        assertThat(back.get("ruleId")).isEqualTo("R-ATT-4");
        assertThat(desk.turnOrder()).isEqualTo(before);
    }

    @Test
    @DisplayName("R-REC-8 event mode suspends the rotation: walk-ins wait for the MANAGER, who assigns them without a turn")
    void eventModeLetsTheManagerAssign() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RJ");
        desk.rotation(1, 2, 3);
        web.put().uri("/api/reception/sites/{site}/event-mode", desk.site).headers(h -> h.setBearerAuth(desk.desk()))
                .bodyValue(object("on", true)).exchange().expectStatus().isForbidden();
        web.put().uri("/api/reception/sites/{site}/event-mode", desk.site).headers(h -> h.setBearerAuth(manager(desk.site)))
                .bodyValue(object("on", true, "reason", "开盘活动")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.eventMode").isEqualTo(true).jsonPath("$.up").doesNotExist();
        Map<String, Object> walkIn = desk.walkIn(aPhone());
        assertThat(walkIn.get("state")).isEqualTo("WAITING");
        assertThat(walkIn.get("ruleId")).isEqualTo("R-REC-8");
        Map<String, Object> assigned = desk.post(manager(desk.site), "/queue/" + walkIn.get("visitId") + "/assignment",
                        object("rep", desk.rep(3))).expectStatus().isOk().expectBody(FrontDesk.MAP).returnResult().getResponseBody();
        assertThat(assigned.get("servedBy")).isEqualTo(desk.rep(3));
        assertThat(assigned.get("usedTurn")).isEqualTo(false);
        assertThat(desk.turnOrder()).containsExactly(desk.rep(1), desk.rep(2), desk.rep(3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(desk.visit("visitId", walkIn).get("ownerRep")).isEqualTo(desk.rep(3)));
    }

    @Test
    @DisplayName("R-REC-4 a SUPERVISOR records each kind of violation with the policy's penalty; a rep may not")
    @SuppressWarnings("unchecked")
    void violationsAreRecordedWithThePolicysPenalty() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RK");
        desk.post(desk.desk(), "/violations", object("rep", desk.rep(2), "kind", "GRABBING")).expectStatus().isForbidden();
        desk.post(supervisor(desk.site), "/violations", object("rep", desk.rep(2), "kind", "GRABBING", "severity", "SEVERE", "note", "抢客"))
                .expectStatus().isCreated().expectBody().jsonPath("$.penalty").isEqualTo("扣罚当月基本工资和当月应发奖金的50%");
        desk.post(supervisor(desk.site), "/violations", object("rep", desk.rep(2), "kind", "NEGLECT"))
                .expectStatus().isCreated().expectBody().jsonPath("$.penalty").isEqualTo("扣罚当日基本工资");
        desk.post(manager(desk.site), "/violations", object("rep", desk.rep(3), "kind", "PRIVATE_COLLECTION"))
                .expectStatus().isCreated().expectBody().jsonPath("$.penalty").isEqualTo("开除");
        desk.post(manager(desk.site), "/violations", object("rep", desk.rep(3), "kind", "PROVOKING_DISPUTE"))
                .expectStatus().isCreated().expectBody().jsonPath("$.penalty").isEqualTo("辞退，并扣罚当月应得成交奖金的50%");
        desk.post(manager(desk.site), "/violations", object("rep", desk.rep(4), "kind", "REFUSING_OWNED_CUSTOMER"))
                .expectStatus().isCreated();
        desk.post(manager(desk.site), "/violations", object("rep", desk.rep(4), "kind", "REFUSING_RULING"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:unit-required");
        desk.post(manager(desk.site), "/violations", object("rep", desk.rep(4), "kind", "REFUSING_RULING", "unitLabel", "3-1702"))
                .expectStatus().isCreated().expectBody().jsonPath("$.penalty").isEqualTo("该交叉楼宇（3-1702）的业绩、奖金归部门");
        List<Map<String, Object>> list = web.get().uri("/api/reception/sites/{site}/violations", desk.site)
                .headers(h -> h.setBearerAuth(supervisor(desk.site))).exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream().map(m -> (Map<String, Object>) m).toList();
        assertThat(list).hasSize(6).extracting(v -> v.get("kind")).contains("GRABBING", "NEGLECT", "PRIVATE_COLLECTION",
                "PROVOKING_DISPUTE", "REFUSING_OWNED_CUSTOMER", "REFUSING_RULING");
    }

    @Test
    @DisplayName("R-ATT-7 the owner out: the up rep helps without a turn, and the owner is told in their inbox")
    void theOwnerIsToldWhenAHelperServedTheirCustomer() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RL");
        desk.rotation(1, 2, 3);
        String phone = aPhone();
        desk.seeOff(desk.walkIn(phone));
        desk.status(1, "OUT");
        List<String> before = desk.turnOrder();
        Map<String, Object> helped = desk.walkIn(phone, "firstVisit", false);
        assertThat(helped.get("servedBy")).isEqualTo(desk.rep(2));
        assertThat(helped.get("role")).isEqualTo("HELPER");
        assertThat(helped.get("ruleId")).isEqualTo("R-ATT-7");
        assertThat(helped.get("usedTurn")).isEqualTo(false);
        assertThat(helped.get("ownerRep")).as("the owner keeps the customer").isEqualTo(desk.rep(1));
        assertThat(shares(desk, helped)).as("credit to the owner; bonus 50/50 if the deal is made today")
                .containsExactly("rep1 1.00 50", "rep2 0.00 50");
        assertThat(desk.turnOrder()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(desk.inbox(desk.rep(1)))
                .anySatisfy(m -> {
                    assertThat(m.get("kind")).isEqualTo("HELPER_SERVED");
                    assertThat((String) m.get("text")).contains("协助接待");
                }));
        assertThat(desk.inbox(desk.rep(3))).isEmpty();
        Map<String, Object> message = desk.inbox(desk.rep(1)).get(0);
        desk.post(sales(desk.site, desk.rep(1)), "/inbox/" + message.get("id") + "/read", object()).expectStatus().isOk();
        assertThat(desk.inbox(desk.rep(1)).get(0).get("read")).isEqualTo(true);
        desk.post(sales(desk.site, desk.rep(2)), "/inbox/" + message.get("id") + "/read", object()).expectStatus().isNotFound();
    }

    @Test
    @DisplayName("R-ATT-6 a complaint about the owner: another rep serves now, and the SUPERVISOR and the owner are told")
    void theSupervisorAndTheOwnerAreToldOfAComplaint() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RM");
        desk.rotation(1, 2, 3);
        String phone = aPhone();
        desk.seeOff(desk.walkIn(phone));
        Map<String, Object> complaint = desk.walkIn(phone, "firstVisit", false, "complaint", "上次接待不耐烦");
        assertThat(complaint.get("servedBy")).isEqualTo(desk.rep(2));
        assertThat(complaint.get("ruleId")).isEqualTo("R-ATT-6");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(desk.inbox(desk.site + "-sup")).anySatisfy(m -> assertThat(m.get("kind")).isEqualTo("COMPLAINT_LODGED"));
            assertThat(desk.inbox(desk.rep(1))).anySatisfy(m -> assertThat((String) m.get("text")).contains("上次接待不耐烦"));
        });
    }

    @Test
    @DisplayName("R-REC-9 客户离开/未接待: a waiting customer leaves through the desk: out of the queue, kept in the register as LEFT with the wait, reception.customer-left published; the next freed rep takes the next customer")
    @SuppressWarnings("unchecked")
    void aWaitingCustomerLeavesTheQueue() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RO");
        desk.rotation(1, 2);
        List<Map<String, Object>> arrived = desk.walkIns(4);
        Map<String, Object> b = arrived.get(1);
        Map<String, Object> gone = arrived.get(2);
        Map<String, Object> next = arrived.get(3);
        assertThat(gone.get("state")).isEqualTo("WAITING");

        Map<String, Object> left = desk.post(desk.desk(), "/queue/" + gone.get("visitId") + "/departure", object("note", " 等候太久 "))
                .expectStatus().isOk().expectBody(FrontDesk.MAP).returnResult().getResponseBody();
        assertThat(left.get("state")).isEqualTo("LEFT");
        assertThat(left.get("stateName")).isEqualTo("已离开（未接待）");
        assertThat(left.get("servedBy")).isNull();
        assertThat(left.get("leftAt")).isNotNull();
        assertThat(((Number) left.get("waitedSeconds")).longValue()).isNotNegative();
        assertThat((List<Map<String, Object>>) desk.board().get("queue")).extracting(w -> w.get("visitId"))
                .containsExactly(next.get("visitId"));
        Map<String, Object> entry = desk.visit("visitId", gone);
        assertThat(entry.get("state")).isEqualTo("LEFT");
        assertThat(entry.get("waitedSeconds")).isEqualTo(left.get("waitedSeconds"));
        assertThat(TopicProbe.events(Topics.RECEPTION, "reception.customer-left",
                        p -> gone.get("visitId").equals(p.path("visitId").asString())))
                .singleElement().satisfies(e -> {
                    assertThat(e.path("siteId").asString()).isEqualTo(desk.site);
                    assertThat(e.path("payload").path("waitedSeconds").asLong()).isEqualTo(((Number) left.get("waitedSeconds")).longValue());
                    assertThat(e.path("payload").path("recordedBy").asString()).isEqualTo(desk.rep(1));
                    assertThat(e.path("payload").path("note").asString()).isEqualTo("等候太久");
                });

        desk.seeOff(b);
        Map<String, Object> taken = desk.visit("visitId", next);
        assertThat(taken.get("state")).isEqualTo("SERVING");
        assertThat(taken.get("servedBy")).isEqualTo(b.get("servedBy"));
        assertThat(desk.visit("visitId", gone).get("state")).as("who left is not served").isEqualTo("LEFT");
        assertThat((List<Object>) desk.board().get("queue")).isEmpty();
    }

    @Test
    @DisplayName("R-REC-9 R-SEC-1 a departure is refused and changes nothing: a customer being served (409), an unknown visit (404), a user of another site (403), a role that does not work the desk (403)")
    @SuppressWarnings("unchecked")
    void aDepartureIsRefusedForWhatIsNotAWaitingCustomerOfTheCaller() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RP");
        FrontDesk other = FrontDesk.aNewSite(web, "RQ");
        desk.rotation(1);
        List<Map<String, Object>> arrived = desk.walkIns(2);
        Map<String, Object> served = arrived.get(0);
        Map<String, Object> waiting = arrived.get(1);

        web.post().uri("/api/reception/sites/{site}/queue/{visit}/departure", desk.site, served.get("visitId"))
                .headers(h -> h.setBearerAuth(desk.desk())).exchange()
                .expectStatus().isEqualTo(409).expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:not-waiting")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("这位客户").contains("接待中").contains("不在等候队列中"));
        desk.post(desk.desk(), "/queue/" + UUID.randomUUID() + "/departure", object())
                .expectStatus().isNotFound().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:visit-unknown");
        desk.post(sales(other.site, other.rep(1)), "/queue/" + waiting.get("visitId") + "/departure", object())
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        desk.post(ReceptionFixture.ISSUER.token(desk.site + "-fin", "FINANCE", desk.site), "/queue/" + waiting.get("visitId") + "/departure", object())
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:role-required");

        assertThat(desk.visit("visitId", served).get("state")).isEqualTo("SERVING");
        assertThat(desk.visit("visitId", waiting).get("state")).isEqualTo("WAITING");
        assertThat((List<Map<String, Object>>) desk.board().get("queue")).extracting(w -> w.get("visitId"))
                .containsExactly(waiting.get("visitId"));
        assertThat(desk.serving()).containsOnly(Map.entry(desk.rep(1), served.get("visitId")));
    }

    @Test
    @DisplayName("R-REC-9 the manager's views: the queue with each wait")
    @SuppressWarnings("unchecked")
    void theManagerSeesTheQueue() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RN");
        desk.rotation(1);
        desk.walkIn(aPhone());
        Map<String, Object> waiting = desk.walkIn(aPhone());
        List<Map<String, Object>> queue = web.get().uri("/api/reception/sites/{site}/queue", desk.site)
                .headers(h -> h.setBearerAuth(manager(desk.site))).exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream().map(m -> (Map<String, Object>) m).toList();
        assertThat(queue).singleElement().satisfies(w -> {
            assertThat(w.get("visitId")).isEqualTo(waiting.get("visitId"));
            assertThat(w.get("position")).isEqualTo(1);
            assertThat(w.get("newCustomer")).isEqualTo(true);
        });
        assertThat((List<Object>) desk.board().get("busy")).hasSize(1);
    }

    /** The entry's shares as "repN credit bonus", e.g. "rep2 1.00 80", in the answer's order. */
    @SuppressWarnings("unchecked")
    private static List<String> shares(FrontDesk desk, Map<String, Object> entry) {
        return ((List<Map<String, Object>>) entry.get("shares")).stream()
                .map(s -> ((String) s.get("userId")).replace(desk.site + "-", "") + " "
                        + new java.math.BigDecimal(String.valueOf(s.get("credit"))).setScale(2) + " " + s.get("bonusPercent")).toList();
    }
}
