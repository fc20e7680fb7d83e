package io.anchang.reception;

import io.anchang.platform.events.Topics;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TopicProbe;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.anchang.reception.ReceptionFixture.aPhone;
import static io.anchang.reception.ReceptionFixture.manager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow 1's degraded mode with the real customer-service stopped mid-flow and started again:
 * the desk keeps registering walk-ins with the rotation's rep, marks them attribution-pending,
 * and reconciles them once customer-service is back — reception asks again with its own identity
 * (R-SEC-1), keeping the phone only until it has the answer and never publishing it (R-SEC-3) —
 * a turn used wrongly is given back, the serving rep stays, nothing is lost and no turn is handed
 * out twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DegradedModeIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-degraded-it");
        registry.add("anchang.customer.uri", () -> CustomerServiceBeside.shared().uri());
        registry.add("anchang.customer.open-for", () -> "1s");
        registry.add("anchang.customer.minimum-calls", () -> "2");
        registry.add("anchang.reception.reconcile.every", () -> "2s");
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    private Document stored(Map<String, Object> visit) {
        return mongo.findById(visit.get("visitId"), Document.class, "visits").block();
    }

    @Test
    @DisplayName("flow 1 degraded: customer-service stops mid-flow; walk-ins go to the rotation's rep, pending; back, they are reconciled and a wrongly used turn is given back")
    @SuppressWarnings("unchecked")
    void customerServiceStopsAndComesBack() {
        FrontDesk desk = FrontDesk.aNewSite(web, "DG");
        desk.rotation(1, 2, 3);
        String known = aPhone();
        Map<String, Object> first = desk.walkIn(known);
        assertThat(first.get("servedBy")).isEqualTo(desk.rep(1));
        assertThat(first.get("attributionPending")).isEqualTo(false);
        desk.seeOff(first);

        CustomerServiceBeside customers = CustomerServiceBeside.shared();
        customers.stop();
        Map<String, Object> returning;
        Map<String, Object> stranger;
        try {
            // rep1's customer comes back: the desk cannot ask, so the rotation's rep (rep2) receives on a turn
            returning = desk.walkIn(known, "firstVisit", false);
            assertThat(returning.get("state")).isEqualTo("SERVING");
            assertThat(returning.get("servedBy")).isEqualTo(desk.rep(2));
            assertThat(returning.get("usedTurn")).isEqualTo(true);
            assertThat(returning.get("attributionPending")).isEqualTo(true);
            assertThat((String) returning.get("rule")).contains("暂未核对");
            stranger = desk.walkIn(aPhone());
            assertThat(stranger.get("servedBy")).isEqualTo(desk.rep(3));
            assertThat(stranger.get("attributionPending")).isEqualTo(true);

            List<Map<String, Object>> pending = web.get().uri("/api/reception/sites/{site}/visits?pending=true", desk.site)
                    .headers(h -> h.setBearerAuth(manager(desk.site))).exchange().expectStatus().isOk()
                    .expectBodyList(Map.class).returnResult().getResponseBody().stream().map(m -> (Map<String, Object>) m).toList();
            assertThat(pending).extracting(v -> v.get("visitId")).containsExactlyInAnyOrder(returning.get("visitId"), stranger.get("visitId"));
            assertThat(desk.turnOrder()).containsExactly(desk.rep(1), desk.rep(2), desk.rep(3));

            // R-SEC-3: pending, the register keeps the number to ask again — and publishes it masked only
            String digits = known.replace(" ", "").substring(3);
            assertThat(stored(returning).getString("phone")).endsWith(digits);
            assertThat(TopicProbe.events(Topics.RECEPTION, "reception.visit-registered",
                    payload -> payload.path("visitId").asString().equals(returning.get("visitId"))))
                    .isNotEmpty().allSatisfy(event -> {
                        assertThat(event.path("payload").path("attributionPending").asBoolean()).isTrue();
                        assertThat(event.toString()).doesNotContain(digits);
                    });
        } finally {
            customers.start();
        }

        // customer-service, back, is asked again by reception's own identity; the desk reconciles
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Object> now = desk.visit("visitId", returning);
            assertThat(now.get("attributionPending")).isEqualTo(false);
            assertThat(now.get("ruleId")).isEqualTo("R-ATT-7");
            assertThat(now.get("ownerRep")).isEqualTo(desk.rep(1));
            assertThat(now.get("turnGivenBackTo")).isEqualTo(desk.rep(2));
        });
        Map<String, Object> returned = desk.visit("visitId", returning);
        assertThat(returned.get("servedBy")).as("the customer is not moved mid-service (R-ATT-3)").isEqualTo(desk.rep(2));
        assertThat(returned.get("role")).isEqualTo("HELPER");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> now = desk.visit("visitId", stranger);
            assertThat(now.get("attributionPending")).isEqualTo(false);
            assertThat(now.get("ruleId")).isEqualTo("R-ATT-1");
            assertThat(now.get("ownerRep")).isEqualTo(desk.rep(3));
            assertThat(now.get("turnGivenBackTo")).as("a new customer's turn was used rightly").isNull();
        });
        assertThat(desk.owed(2)).as("rep2's turn, used wrongly, is given back once").isEqualTo(1);
        assertThat(stored(returning).get("phone")).as("R-SEC-3 answered, the number is forgotten").isNull();
        assertThat(stored(stranger).get("phone")).isNull();
        assertThat(desk.owed(3)).isZero();
        web.get().uri("/api/reception/sites/{site}/visits?pending=true", desk.site).headers(h -> h.setBearerAuth(manager(desk.site)))
                .exchange().expectBody().jsonPath("$.length()").isEqualTo(0);

        // once the breaker lets calls through again, the desk asks customer-service as usual
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> after = desk.walkIn(aPhone());
            assertThat(after.get("attributionPending")).isEqualTo(false);
        });
    }
}
