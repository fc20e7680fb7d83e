package io.anchang.reception;

import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.anchang.reception.ReceptionFixture.manager;
import static io.anchang.reception.ReceptionFixture.sales;
import static io.anchang.testing.Json.object;
import static org.awaitility.Awaitility.await;

/** The front desk of one test site, driven through the API as the desk and its manager would. */
final class FrontDesk {

    private static final AtomicInteger SITES = new AtomicInteger();

    final WebTestClient web;
    final String site;

    private FrontDesk(WebTestClient web, String site) {
        this.web = web;
        this.site = site;
    }

    /** A new site with staff (manager, supervisor, rep1..4), so that no test sees another's desk. */
    static FrontDesk aNewSite(WebTestClient web, String prefix) {
        String site = prefix + String.format("%04d", SITES.incrementAndGet() % 10_000) + (char) ('A' + (int) (Math.random() * 26));
        ReceptionFixture.aSiteWithStaff(web, site);
        return new FrontDesk(web, site);
    }

    String rep(int n) {
        return site + "-rep" + n;
    }

    String desk() {
        return sales(site, rep(1));
    }

    LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    /** R-REC-1: the manager sets today's rotation with these reps (1..4) in this order. */
    Map<String, Object> rotation(int... reps) {
        List<String> ids = Arrays.stream(reps).mapToObj(this::rep).toList();
        return web.put().uri("/api/reception/sites/{site}/rotations/{day}", site, today())
                .headers(h -> h.setBearerAuth(manager(site))).bodyValue(object("reps", ids))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    Map<String, Object> board() {
        return web.get().uri("/api/reception/sites/{site}/rotation", site).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    /** A walk-in with the phone and what the customer says (key, value, …). */
    Map<String, Object> walkIn(String phone, Object... said) {
        return walkInWith(UUID.randomUUID().toString(), phone, said);
    }

    /** {@code count} new customers walk in one after the other; their register entries, in arrival order. */
    List<Map<String, Object>> walkIns(int count) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(walkIn(ReceptionFixture.aPhone()));
        }
        return entries;
    }

    Map<String, Object> walkInWith(String requestId, String phone, Object... said) {
        Map<String, Object> body = new LinkedHashMap<>(object(said));
        body.put("requestId", requestId);
        body.put("phone", phone);
        return web.post().uri("/api/reception/sites/{site}/visits", site).headers(h -> h.setBearerAuth(desk())).bodyValue(body)
                .exchange().expectStatus().is2xxSuccessful().expectBody(MAP).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec post(String token, String path, Object body) {
        return web.post().uri("/api/reception/sites/" + site + path).headers(h -> h.setBearerAuth(token)).bodyValue(body).exchange();
    }

    Map<String, Object> call(String phone, String takenBy) {
        return post(sales(site, takenBy), "/calls", object("requestId", UUID.randomUUID().toString(), "phone", phone))
                .expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
    }

    Map<String, Object> seeOff(Map<String, Object> visit) {
        String servedBy = (String) visit("visitId", visit).get("servedBy");
        return web.post().uri("/api/reception/sites/{site}/visits/{id}/see-off", site, visit.get("visitId"))
                .headers(h -> h.setBearerAuth(sales(site, servedBy))).exchange().expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();
    }

    Map<String, Object> visit(String key, Map<String, Object> visit) {
        return web.get().uri("/api/reception/sites/{site}/visits/{id}", site, visit.get(key)).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    /** Today's visitor and call register of the site. */
    List<Map<String, Object>> register() {
        return web.get().uri("/api/reception/sites/{site}/visits", site).headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBodyList(MAP).returnResult().getResponseBody();
    }

    Map<String, Object> status(int rep, String status) {
        return web.put().uri("/api/reception/sites/{site}/reps/{rep}/status", site, rep(rep))
                .headers(h -> h.setBearerAuth(sales(site, rep(rep)))).bodyValue(object("status", status))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    /** Each rep's {userId → status, owed} on the board, in turn order. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> order() {
        return (List<Map<String, Object>>) board().get("order");
    }

    List<String> turnOrder() {
        List<String> ids = new ArrayList<>();
        order().forEach(r -> ids.add((String) r.get("userId")));
        return ids;
    }

    /** Who serves which visit on the board: {userId → visitId}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> serving() {
        Map<String, Object> serving = new LinkedHashMap<>();
        for (Map<String, Object> rep : order()) {
            if (rep.get("serving") != null) {
                serving.put((String) rep.get("userId"), ((Map<String, Object>) rep.get("serving")).get("visitId"));
            }
        }
        return serving;
    }

    int owed(int rep) {
        return order().stream().filter(r -> rep(rep).equals(r.get("userId"))).map(r -> ((Number) r.get("owed")).intValue())
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    String up() {
        Map<String, Object> up = (Map<String, Object>) board().get("up");
        return up == null ? null : (String) up.get("userId");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inbox(String user) {
        return web.get().uri("/api/reception/sites/{site}/inbox", site).headers(h -> h.setBearerAuth(sales(site, user)))
                .exchange().expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody()
                .stream().map(m -> (Map<String, Object>) m).toList();
    }

    /** Waits until customer-service knows this site (its profile arrived by event), so its sentences use the staff's names. */
    void awaitCustomerServiceKnowsTheSite(String customerServiceUri) {
        WebTestClient customers = WebTestClient.bindToServer().baseUrl(customerServiceUri).build();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> customers.get().uri("/api/customers/sites/{site}/profile", site)
                .headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static final Class<Map<String, Object>> MAP = (Class) Map.class;
}
