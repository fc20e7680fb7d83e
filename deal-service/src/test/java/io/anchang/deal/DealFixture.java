package io.anchang.deal;

import io.anchang.platform.events.Topics;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TestIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.awaitility.Awaitility.await;

/** Test data of sales control: a known site, customers owned by reps, a building with a price list, the people's tokens. */
record DealFixture(WebTestClient web, String database) {

    static final TestIssuer ISSUER = TestIssuer.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static String token(String user, String role, String site) {
        return ISSUER.token(user, role, site);
    }

    static String rep(String site, int n) {
        return token(site + "-rep" + n, "SALES", site);
    }

    static String manager(String site) {
        return token("mgr-" + site, "MANAGER", site);
    }

    static String control(String site) {
        return token("ctl-" + site, "SALES_CONTROL", site);
    }

    static String finance(String site) {
        return token("fin-" + site, "FINANCE", site);
    }

    /** deal-service learns the site from reception's event (revision 1, default policy). */
    void site(String site) {
        site(site, "Asia/Shanghai");
    }

    /** A site on the clock of {@code timeZone}. */
    void site(String site, String timeZone) {
        Map<String, Object> profile = object("code", site, "name", "测试案场 " + site, "timeZone", timeZone, "revision", 1,
                "staff", list(object("userId", "mgr-" + site, "name", "王经理", "role", "MANAGER", "active", true)),
                "policies", list());
        TestEvents.publish(Topics.RECEPTION, "reception.site-profile-changed", 1, site, site,
                object("site", profile, "change", "REGISTERED"), "it-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/deals/sites/{s}/profile", site)
                .headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk());
    }

    /** A customer of {@code ownerRep}, as customer-service announces it. */
    void customer(String site, String customerId, String ownerRep) {
        UUID event = TestEvents.publish(Topics.CUSTOMER, "customer.registered", 1, site, customerId,
                object("customerId", customerId, "siteId", site, "archiveNo", "A-" + customerId, "name", "客户" + customerId,
                        "phoneMasked", "138****0000", "source", "VISIT", "ownerRep", ownerRep, "registeredAt", Instant.now().toString()),
                "it-" + UUID.randomUUID());
        SharedMongo.awaitConsumed(database, "deal-customer-registered", event);
    }

    /** A building whose units are given as CSV rows {@code number,floor,listPrice}. */
    void building(String site, String code, List<String> units) {
        newBuilding(site, code);
        web.post().uri("/api/deals/sites/{s}/buildings/{b}/price-list", site, code).headers(h -> h.setBearerAuth(control(site)))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(priceList(units)).exchange()
                .expectStatus().isEqualTo(HttpStatus.CREATED);
    }

    /** A building without units yet. */
    void newBuilding(String site, String code) {
        web.post().uri("/api/deals/sites/{s}/buildings", site).headers(h -> h.setBearerAuth(control(site)))
                .bodyValue(object("code", code, "name", code + "号楼", "project", "滨江壹号")).exchange()
                .expectStatus().isEqualTo(HttpStatus.CREATED);
    }

    /** A price list (CSV) of units given as {@code number,floor,listPrice}: 三室两厅, 120 m², facing south, grade A. */
    static String priceList(List<String> units) {
        StringBuilder csv = new StringBuilder("房号,楼层,户型,面积,总价,朝向,等级\n");
        units.forEach(u -> {
            String[] p = u.split(",");
            csv.append(p[0]).append(',').append(p[1]).append(",三室两厅,120.00,").append(p[2]).append(",南,A\n");
        });
        return csv.toString();
    }

    /** The site's audit trail (R-SEC-4), the latest entries first. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> audit(String site) {
        return web.get().uri("/api/deals/sites/{s}/audit?limit=1000", site).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    /** The entries of {@code action} whose subject starts with {@code subject}. */
    static List<Map<String, Object>> entries(List<Map<String, Object>> trail, String action, String subject) {
        return trail.stream().filter(e -> action.equals(e.get("action")) && ((String) e.get("subject")).startsWith(subject)).toList();
    }

    /** The entry's "after" is the event's envelope; its payload is what changed. */
    static JsonNode payload(Map<String, Object> entry) {
        return JSON.readTree((String) entry.get("after")).path("payload");
    }

    WebTestClient.ResponseSpec hold(String token, String site, String unitId, String customerId) {
        return web.post().uri("/api/deals/sites/{s}/units/{u}/hold", site, unitId).headers(h -> h.setBearerAuth(token))
                .bodyValue(object("customerId", customerId)).exchange();
    }

    WebTestClient.ResponseSpec requestDeposit(String token, String site, String unitId, Map<String, Object> body) {
        return web.post().uri("/api/deals/sites/{s}/units/{u}/deposit-request", site, unitId).headers(h -> h.setBearerAuth(token))
                .bodyValue(body).exchange();
    }

    WebTestClient.BodyContentSpec unit(String site, String unitId) {
        return web.get().uri("/api/deals/sites/{s}/units/{u}", site, unitId).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody();
    }

    Map<String, Object> unitJson(String site, String unitId) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = web.get().uri("/api/deals/sites/{s}/units/{u}", site, unitId).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return json;
    }

    /** What finance-service publishes when FINANCE confirms in time (R-FIN-2); answers the event's id. */
    static UUID confirmed(String site, String requestId, String unit, String kind, String amount, String receiptNo, Instant at) {
        return TestEvents.publish(UUID.randomUUID(), Topics.FINANCE, "finance.deposit-confirmed", 1, site, requestId, object(
                "requestId", requestId, "siteId", site, "unitId", unit, "holdId", null, "kind", kind, "receiptNo", receiptNo,
                "amount", new java.math.BigDecimal(amount), "method", "TRANSFER", "reference", "BANK-123", "confirmedBy", "fin-" + site,
                "confirmedAt", at.toString()), "it-" + UUID.randomUUID());
    }

    /** finance-service's verdict that a request's deadline passed unconfirmed (R-DEAL-2, R-FIN-2). */
    static UUID lapsed(String site, String requestId, String unit, Instant deadline, Instant at) {
        return TestEvents.publish(UUID.randomUUID(), Topics.FINANCE, "finance.deposit-request-lapsed", 1, site, requestId, object(
                "requestId", requestId, "siteId", site, "unitId", unit, "unitLabel", unit, "holdId", null, "kind", "SMALL",
                "deadline", deadline.toString(), "lapsedAt", at.toString()), "it-" + UUID.randomUUID());
    }

    /** The desk's request id of the unit's latest deposit request of {@code kind}, from its event. */
    static String requestIdOf(String unit, String kind) {
        List<JsonNode> requested = io.anchang.testing.TopicProbe.events(Topics.DEAL, "deal.deposit-requested",
                p -> unit.equals(p.path("unitId").asString()) && kind.equals(p.path("kind").asString()));
        return requested.get(requested.size() - 1).path("payload").path("requestId").asString();
    }

    static Map<String, Object> buyer() {
        return object("name", "王小明", "phone", "13812345678", "address", "上海市浦东新区滨江大道1号", "postcode", "200120");
    }
}
