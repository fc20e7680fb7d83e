package io.anchang.customer;

import io.anchang.platform.events.Topics;
import io.anchang.platform.phone.Phone;
import io.anchang.testing.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R-SEC-3 (issue 9, item 4): a full phone number never leaves the customer archive. Ids are random — with ids derived
 * from site and phone, {@code 138****8000} and the id gave the number in 10^4 guesses; the store finds a phone by its
 * keyed hash; a search by phone goes in the request body; events and the audit trail carry phones masked; the reveal is
 * the only way to the number, for the owner, the site's SUPERVISOR and MANAGER and FINANCE, each reveal audited.
 */
class PhonePrivacyIntegrationTest extends SiteIntegrationTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    private WebTestClient.ResponseSpec reveal(String token, Object customerId, String reason) {
        return web.post().uri("/api/customers/sites/{site}/customers/{id}/phones/reveal", site, customerId)
                .headers(h -> h.setBearerAuth(token)).bodyValue(object("reason", reason)).exchange();
    }

    private String finance() {
        return ISSUER.token(site + "-fin", "FINANCE", site);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Map<String, Object>> audit() {
        return (List) web.get().uri("/api/customers/sites/{site}/audit?limit=1000", site).headers(h -> h.setBearerAuth(manager()))
                .exchange().expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody();
    }

    private List<Map<String, Object>> audited(String action) {
        return audit().stream().filter(entry -> action.equals(entry.get("action"))).toList();
    }

    @Test
    @DisplayName("R-SEC-3 a customer's id is random (UUID version 4), not derived from the site and the phone")
    void idsAreRandom() {
        String phone = aPhone();
        Map<String, Object> answer = attribute(phone, T0, desk("A", "A:AVAILABLE"));
        UUID id = UUID.fromString((String) answer.get("customerId"));
        assertThat(id.version()).isEqualTo(4);
        String e164 = Phone.parse(phone).e164();
        assertThat(id).isNotEqualTo(UUID.nameUUIDFromBytes(("customer:" + site + ":" + e164).getBytes(StandardCharsets.UTF_8)));
        // the same visit asked again is still one customer: idempotency no longer rests on the id
        Map<String, Object> again = attributeAs((String) answer.get("visitId"), phone, T0, desk("A", "A:AVAILABLE"));
        assertThat(again.get("customerId")).isEqualTo(answer.get("customerId"));
    }

    @Test
    @DisplayName("R-SEC-3 R-CUS-3 the store looks a phone up by its keyed hash: keys and hashes hold nothing of the number")
    void theStoreFindsAPhoneByItsKeyedHash() {
        String phone = aPhone();
        Map<String, Object> answer = attribute(phone, T0, desk("A", "A:AVAILABLE"));
        Document stored = mongo.findById(answer.get("customerId"), Document.class, "customers").block();
        String e164 = Phone.parse(phone).e164();
        assertThat(stored.getList("phones", String.class)).containsExactly(e164);
        List<String> hashes = stored.getList("phoneHashes", String.class);
        assertThat(hashes).singleElement().satisfies(hash -> assertThat(hash).hasSize(43).doesNotContain(phone.substring(3)));
        assertThat(stored.getList("phoneKeys", String.class)).containsExactly(site + "|" + hashes.get(0));
        assertThat(stored.toJson().replace(e164, "")).as("the number only where the phones are kept").doesNotContain(phone);
    }

    @Test
    @DisplayName("R-SEC-3 a search by phone goes in the body, in any spelling, and answers the phones masked; a phone in the URL finds nothing")
    void aSearchByPhoneGoesInTheBody() {
        String phone = aPhone();
        Map<String, Object> answer = attribute(phone, T0, desk("A", "A:AVAILABLE"));
        web.post().uri("/api/customers/sites/{site}/customers/search", site).headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("phone", "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7)))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(answer.get("customerId"))
                .jsonPath("$.phones[0]").isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7))
                .consumeWith(body -> assertThat(new String(body.getResponseBody(), StandardCharsets.UTF_8)).doesNotContain(phone.substring(3)));
        web.get().uri("/api/customers/sites/{site}/customers?phone={phone}", site, phone).headers(h -> h.setBearerAuth(manager()))
                .exchange().expectStatus().value(status -> assertThat(status).isIn(404, 405));
        web.post().uri("/api/customers/sites/{site}/customers/search", site).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("phone", "1".repeat(41))).exchange().expectStatus().isBadRequest();
    }

    @Test
    @DisplayName("R-SEC-1 R-SEC-3 HEAD_OFFICE reads every site: it searches by phone (a POST that only reads) and gets the phones masked; "
            + "it still writes nothing — a follow-up, a phone, a reveal refused — and the search leaves no trace on the trail; R-SEC-4 the refused writes do")
    void headOfficeSearchesByPhoneButWritesNothing() {
        String phone = aPhone();
        Map<String, Object> owned = ownedByB(phone);
        for (String headOffice : List.of(ISSUER.token("hq", "HEAD_OFFICE"), ISSUER.token("hq-local", "HEAD_OFFICE", site))) {
            web.post().uri("/api/customers/sites/{site}/customers/search", site).headers(h -> h.setBearerAuth(headOffice))
                    .bodyValue(object("phone", phone)).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.id").isEqualTo(owned.get("customerId"))
                    .jsonPath("$.phones[0]").isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7))
                    .consumeWith(body -> assertThat(new String(body.getResponseBody(), StandardCharsets.UTF_8)).doesNotContain(phone.substring(3)));
            web.post().uri("/api/customers/sites/{site}/customers/{id}/follow-ups", site, owned.get("customerId"))
                    .headers(h -> h.setBearerAuth(headOffice)).bodyValue(object("method", "电话", "note", "总部回访"))
                    .exchange().expectStatus().isForbidden();
            web.post().uri("/api/customers/sites/{site}/customers/{id}/phones", site, owned.get("customerId"))
                    .headers(h -> h.setBearerAuth(headOffice)).bodyValue(object("phone", aPhone()))
                    .exchange().expectStatus().isForbidden();
        }
        // the search path is a read only as itself: a write beneath or beside it stays a write
        web.post().uri("/api/customers/sites/{site}/customers/search/more", site).headers(h -> h.setBearerAuth(ISSUER.token("hq", "HEAD_OFFICE")))
                .bodyValue(object("phone", phone)).exchange().expectStatus().isForbidden();
        // R-SEC-4: the refused writes are on the site's trail (HEAD_OFFICE reads the site), the searches are not
        assertThat(audit().stream().filter(entry -> "hq".equals(entry.get("actor")) || "hq-local".equals(entry.get("actor"))))
                .hasSize(5).allSatisfy(entry -> {
                    assertThat(entry.get("action")).isEqualTo("security.access-refused");
                    assertThat((String) entry.get("subject")).doesNotEndWith("/customers/search");
                });
    }

    @Test
    @DisplayName("R-SEC-3 R-SEC-4 the owner reveals the full numbers with a reason; the audit trail shows who, when and why, the numbers masked")
    void theOwnerRevealsAndTheTrailShowsIt() {
        String phone = aPhone();
        Map<String, Object> owned = ownedByB(phone);
        Map<String, Object> revealed = reveal(sales("B"), owned.get("customerId"), "回访客户，确认看房时间").expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();
        assertThat(revealed.get("phones")).isEqualTo(List.of(Phone.parse(phone).e164()));
        assertThat(revealed.get("revealedBy")).isEqualTo(rep("B"));
        assertThat(revealed.get("revealedAt")).isNotNull();

        List<Map<String, Object>> reveals = audited("customer.phones-revealed");
        assertThat(reveals).singleElement().satisfies(entry -> {
            assertThat(entry.get("actor")).isEqualTo(rep("B"));
            assertThat(entry.get("subject")).isEqualTo(owned.get("customerId"));
            assertThat((String) entry.get("reason")).contains("回访客户，确认看房时间");
            assertThat((String) entry.get("after")).contains(phone.substring(0, 3) + "****" + phone.substring(7))
                    .doesNotContain(phone.substring(3));
            assertThat(entry.get("at")).isNotNull();
        });
        reveal(sales("B"), owned.get("customerId"), " ").expectStatus().isBadRequest();
        reveal(sales("B"), owned.get("customerId"), "长".repeat(501)).expectStatus().isBadRequest();
        assertThat(audited("customer.phones-revealed")).hasSize(1);
    }

    @Test
    @DisplayName("R-SEC-3 the site's SUPERVISOR, MANAGER and FINANCE may reveal; another rep, the ASSISTANT, HEAD_OFFICE and another site may not — refused, audited, nothing revealed; an unknown id alike")
    void whoMayReveal() {
        String phone = aPhone();
        Map<String, Object> owned = ownedByB(phone);
        for (String token : List.of(supervisor(), manager(), finance())) {
            reveal(token, owned.get("customerId"), "核对定金收据上的联系电话").expectStatus().isOk()
                    .expectBody().jsonPath("$.phones[0]").isEqualTo(Phone.parse(phone).e164());
        }
        for (String token : List.of(sales("A"), ISSUER.token(site + "-asst", "ASSISTANT", site))) {
            reveal(token, owned.get("customerId"), "想联系客户").expectStatus().isForbidden()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:reveal-not-allowed")
                    .consumeWith(body -> assertThat(new String(body.getResponseBody(), StandardCharsets.UTF_8)).doesNotContain(phone.substring(3)));
        }
        reveal(sales("A"), UUID.randomUUID().toString(), "猜一个编号").expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:reveal-not-allowed");
        reveal(ISSUER.token("hq", "HEAD_OFFICE"), owned.get("customerId"), "总部核查").expectStatus().isForbidden();
        reveal(ISSUER.token("mgr-elsewhere", "MANAGER", site + "X"), owned.get("customerId"), "别的案场").expectStatus().isForbidden();
        reveal(manager(), UUID.randomUUID().toString(), "编号有误").expectStatus().isNotFound();

        assertThat(audited("customer.phones-revealed")).extracting(e -> e.get("actor"))
                .containsExactlyInAnyOrder(site + "-sup", site + "-mgr", site + "-fin");
        assertThat(audited("security.phone-reveal-refused")).extracting(e -> e.get("actor"))
                .containsExactlyInAnyOrder(rep("A"), site + "-asst", rep("A"));
    }

    @Test
    @DisplayName("R-SEC-3 no event of the customer topic and no audit entry of the site carries a full phone: registration, another phone, a merge, a reveal")
    void eventsAndTheTrailCarryPhonesMasked() {
        String first = aPhone();
        String second = aPhone();
        String third = aPhone();
        Map<String, Object> owned = ownedByB(first);
        web.post().uri("/api/customers/sites/{site}/customers/{id}/phones", site, owned.get("customerId")).headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("phone", second)).exchange().expectStatus().isOk();
        Map<String, Object> other = attribute(third, T0.plus(1, ChronoUnit.DAYS), desk("A", "A:AVAILABLE", "B:AVAILABLE"),
                "broughtByPhone", first);
        web.post().uri("/api/customers/sites/{site}/customers/{id}/merge", site, owned.get("customerId")).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("other", other.get("customerId"), "reason", "同一人")).exchange().expectStatus().isOk();
        reveal(manager(), owned.get("customerId"), "核对").expectStatus().isOk();

        await().atMost(Duration.ofSeconds(30)).until(() -> !audited("customer.customers-merged").isEmpty());
        List<String> digits = List.of(first.substring(3), second.substring(3), third.substring(3));
        assertThat(audit()).isNotEmpty().allSatisfy(entry -> assertThat(String.valueOf(entry)).doesNotContain(digits));
        List<JsonNode> events = TopicProbe.events(Topics.CUSTOMER, "customer.customers-merged",
                payload -> payload.path("siteId").asString().equals(site));
        assertThat(events).isNotEmpty();
        for (String type : List.of("customer.registered", "customer.phone-added", "customer.visit-attributed", "customer.customers-merged")) {
            assertThat(TopicProbe.events(Topics.CUSTOMER, type, payload -> payload.path("siteId").asString().equals(site)))
                    .as(type).isNotEmpty().allSatisfy(event -> assertThat(event.toString()).doesNotContain(digits));
        }
    }
}
