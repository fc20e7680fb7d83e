package io.anchang.reception;

import io.anchang.platform.events.Topics;
import io.anchang.reception.adapter.client.ServiceTokens;
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

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.reception.ReceptionFixture.ISSUER;
import static io.anchang.reception.ReceptionFixture.aPhone;
import static io.anchang.reception.ReceptionFixture.manager;
import static io.anchang.reception.ReceptionFixture.sales;
import static io.anchang.reception.ReceptionFixture.supervisor;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 at the front desk. R-SEC-1: reception asks customer-service with its own identity. R-SEC-3: the register
 * keeps a phone whole only until customer-service has answered, and its events carry it masked. R-REC-3 (item 9): a
 * call is registered by the rep who took it, or by the desk (ASSISTANT, SUPERVISOR) for
 * that rep; only a rep who may receive customers — SALES or SUPERVISOR on the site's roster — can be its receiver, who
 * then owns the customer (R-ATT-1). Before, a call could name a FINANCE user as receiver, and a rep could register a
 * call for another rep.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DeskSecurityIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-security-it");
        registry.add("anchang.customer.uri", () -> CustomerServiceBeside.shared().uri());
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    ServiceTokens tokens;

    private WebTestClient.ResponseSpec call(FrontDesk desk, String token, String phone, String receivedBy) {
        Map<String, Object> body = receivedBy == null ? object("requestId", UUID.randomUUID().toString(), "phone", phone)
                : object("requestId", UUID.randomUUID().toString(), "phone", phone, "receivedBy", receivedBy);
        return desk.post(token, "/calls", body);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> register(FrontDesk desk) {
        return web.get().uri("/api/reception/sites/{site}/visits", desk.site).headers(h -> h.setBearerAuth(manager(desk.site)))
                .exchange().expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .map(m -> (Map<String, Object>) m).toList();
    }

    @Test
    @DisplayName("R-REC-3 a rep may not register a call for another rep: 403, nothing in the register, the caller nobody's customer")
    void aRepMayNotRegisterACallForAnotherRep() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CA");
        desk.rotation(1, 2);
        String phone = aPhone();
        call(desk, sales(desk.site, desk.rep(1)), phone, desk.rep(2)).expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:call-of-another-rep")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("R-REC-3"));
        assertThat(register(desk)).isEmpty();
        // the caller walks in later: a new customer, received on the rotation, nobody's before
        Map<String, Object> visit = desk.walkIn(phone, "firstVisit", true);
        assertThat(visit.get("newCustomer")).isEqualTo(true);
        assertThat(visit.get("ruleId")).isEqualTo("R-ATT-1");
        assertThat(visit.get("ownerRep")).isEqualTo(desk.rep(1));
    }

    @Test
    @DisplayName("R-REC-3 R-ATT-1 the desk — ASSISTANT or SUPERVISOR — registers a call for the rep who took it, who owns the caller")
    void theDeskRegistersACallForTheRep() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CB");
        desk.rotation(1, 2, 3);
        String assistant = ISSUER.token(desk.site + "-asst", "ASSISTANT", desk.site);
        for (String token : List.of(assistant, supervisor(desk.site))) {
            String phone = aPhone();
            Map<String, Object> call = call(desk, token, phone, desk.rep(3)).expectStatus().isCreated()
                    .expectBody(FrontDesk.MAP).returnResult().getResponseBody();
            assertThat(call.get("servedBy")).isEqualTo(desk.rep(3));
            assertThat(call.get("ownerRep")).isEqualTo(desk.rep(3));
            assertThat(call.get("ruleId")).isEqualTo("R-ATT-1");
        }
        // a SUPERVISOR receives customers: one may take a call and register it themselves
        Map<String, Object> own = call(desk, supervisor(desk.site), aPhone(), null).expectStatus().isCreated()
                .expectBody(FrontDesk.MAP).returnResult().getResponseBody();
        assertThat(own.get("ownerRep")).isEqualTo(desk.site + "-sup");
    }

    @Test
    @DisplayName("R-REC-3 only SALES or a SUPERVISOR of the roster receives a call: FINANCE, the MANAGER, an ASSISTANT for themselves or a stranger is refused, nothing written")
    void onlyAReceivingRepIsTheReceiver() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CC");
        desk.rotation(1, 2);
        String assistant = ISSUER.token(desk.site + "-asst", "ASSISTANT", desk.site);
        String phone = aPhone();
        call(desk, assistant, phone, desk.site + "-fin").expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:not-a-receiving-rep")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("财务").contains("R-REC-3"));
        call(desk, supervisor(desk.site), phone, "mgr-" + desk.site).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:not-a-receiving-rep");
        call(desk, assistant, phone, desk.site + "-nobody").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:rep-unknown");
        call(desk, assistant, phone, null).expectStatus().isBadRequest();
        call(desk, ISSUER.token(desk.site + "-fin", "FINANCE", desk.site), phone, null).expectStatus().isForbidden();
        assertThat(register(desk)).isEmpty();
        Map<String, Object> visit = desk.walkIn(phone, "firstVisit", true);
        assertThat(visit.get("newCustomer")).as("no call made the caller anyone's customer").isEqualTo(true);
    }

    @Test
    @DisplayName("R-REC-3 R-REC-6 a walk-in asking for FINANCE (who would own a first-time customer) is refused like a call naming them, nothing written")
    void aWalkInCannotBeGivenToFinance() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CF");
        desk.rotation(1, 2);
        desk.post(desk.desk(), "/visits", object("requestId", UUID.randomUUID().toString(), "phone", aPhone(), "firstVisit", true,
                        "askedFor", desk.site + "-fin"))
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:not-a-receiving-rep");
        assertThat(register(desk)).isEmpty();
        assertThat(desk.walkIn(aPhone(), "firstVisit", true, "askedFor", desk.site + "-sup").get("ownerRep"))
                .as("a SUPERVISOR receives customers (R-REC-6)").isEqualTo(desk.site + "-sup");
    }

    @Test
    @DisplayName("R-SEC-1 reception asks customer-service with a token of its own client, fetched once and kept, never the desk user's")
    void receptionAsksWithItsOwnIdentity() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CD");
        desk.rotation(1, 2);
        Map<String, Object> visit = desk.walkIn(aPhone());
        assertThat(visit.get("attributionPending")).as("customer-service answered reception's identity").isEqualTo(false);
        String token = tokens.token().block();
        assertThat(tokens.token().block()).isEqualTo(token);
        Map<String, Object> claims;
        try {
            claims = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getClaims();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
        assertThat(claims.get("preferred_username")).isEqualTo("service-account-anchang-reception");
        assertThat(claims.get("sites")).isNull();
    }

    @Test
    @DisplayName("R-SEC-3 answered, the register keeps the phone masked only — the entry, the phones in what the customer said — and the reception topic never carries it whole")
    void theRegisterForgetsThePhoneOnceAnswered() {
        FrontDesk desk = FrontDesk.aNewSite(web, "CE");
        desk.rotation(1, 2);
        String friend = aPhone();
        desk.walkIn(friend);
        String phone = aPhone();
        Map<String, Object> visit = desk.walkIn(phone, "broughtByPhone", friend);
        assertThat(visit.get("attributionPending")).isEqualTo(false);
        Document stored = mongo.findById(visit.get("visitId"), Document.class, "visits").block();
        String digits = phone.replace(" ", "").substring(3);
        String friendDigits = friend.replace(" ", "").substring(3);
        assertThat(stored.get("phone")).isNull();
        assertThat(stored.get("phoneMasked")).isEqualTo(phone.substring(0, 3) + "****" + digits.substring(4));
        assertThat(stored.toJson()).doesNotContain(digits).doesNotContain(friendDigits);
        assertThat(TopicProbe.events(Topics.RECEPTION, "reception.visit-registered",
                payload -> payload.path("visitId").asString().equals(visit.get("visitId"))))
                .isNotEmpty().allSatisfy(event -> assertThat(event.toString()).doesNotContain(digits).doesNotContain(friendDigits));
        Map<String, Object> call = desk.call(aPhone(), desk.rep(2));
        Document storedCall = mongo.findById(call.get("visitId"), Document.class, "visits").block();
        assertThat(storedCall.get("phone")).isNull();
    }
}
