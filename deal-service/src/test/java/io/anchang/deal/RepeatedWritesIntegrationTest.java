package io.anchang.deal;

import io.anchang.deal.adapter.web.SalesController;
import io.anchang.platform.events.Topics;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.anchang.deal.DealFixture.rep;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: a rep's write repeated with its {@code requestId} — the retry after an answer that got
 * lost — answers what the first one did (the same status, the unit as it stands, marked
 * {@code Idempotent-Replayed}), never a 409 about itself, and writes nothing twice.
 */
class RepeatedWritesIntegrationTest extends DealIntegrationBase {

    static final String SITE = "RW01";

    DealFixture f;

    @BeforeEach
    void site() {
        f = fixture();
        f.site(SITE);
        f.customer(SITE, "rw-c1", SITE + "-rep1");
    }

    @Test
    @DisplayName("issue 10: a hold repeated with its requestId answers the first hold (201, same hold), holds once; another requestId gets the 409")
    void aRepeatedHoldAnswersTheFirst() {
        String unit = unit("H1");
        String requestId = UUID.randomUUID().toString();
        EntityExchangeResult<Map> first = hold(unit, requestId);
        EntityExchangeResult<Map> again = hold(unit, requestId);
        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(first.getResponseHeaders().getFirst(SalesController.REPLAYED)).isNull();
        assertThat(again.getStatus().value()).isEqualTo(201);
        assertThat(again.getResponseHeaders().getFirst(SalesController.REPLAYED)).isEqualTo("true");
        assertThat(holdId(again)).isEqualTo(holdId(first));
        web.post().uri("/api/deals/sites/{s}/units/{u}/hold", SITE, unit).headers(h -> h.setBearerAuth(rep(SITE, 1)))
                .bodyValue(object("customerId", "rw-c1", "requestId", UUID.randomUUID().toString())).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:unit-already-held");
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-held", p -> unit.equals(p.path("unitId").asString()))).hasSize(1);
    }

    @Test
    @DisplayName("issue 10: the same hold sent twice at once: both answered 201 with the one hold")
    void concurrentRepeatsHoldOnce() {
        String unit = unit("H2");
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<EntityExchangeResult<Map>> a = CompletableFuture.supplyAsync(() -> hold(unit, requestId));
        CompletableFuture<EntityExchangeResult<Map>> b = CompletableFuture.supplyAsync(() -> hold(unit, requestId));
        List<EntityExchangeResult<Map>> answers = List.of(a.join(), b.join());
        assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatus().value()).isEqualTo(201));
        assertThat(holdId(answers.get(0))).isEqualTo(holdId(answers.get(1)));
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-held", p -> unit.equals(p.path("unitId").asString()))).hasSize(1);
    }

    @Test
    @DisplayName("issue 10: a deposit request repeated with its requestId reaches the finance desk once, with one request id")
    void aRepeatedDepositRequestIsOneRequest() {
        String unit = unit("H3");
        hold(unit, UUID.randomUUID().toString());
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> body = object("kind", "SMALL", "amount", "20000", "requestId", requestId);
        f.requestDeposit(rep(SITE, 1), SITE, unit, body).expectStatus().isCreated().expectHeader().doesNotExist(SalesController.REPLAYED);
        f.requestDeposit(rep(SITE, 1), SITE, unit, body).expectStatus().isCreated()
                .expectHeader().valueEquals(SalesController.REPLAYED, "true")
                .expectBody().jsonPath("$.request.requestId").isEqualTo(DealFixture.requestIdOf(unit, "SMALL"));
        assertThat(TopicProbe.events(Topics.DEAL, "deal.deposit-requested", p -> unit.equals(p.path("unitId").asString()))).hasSize(1);
        // without its requestId, a second request is a second request: refused, one is waiting
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", "20000")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:deposit-already-requested");
    }

    @Test
    @DisplayName("issue 10: a release repeated with ?requestId= answers 200 again and releases once; without it the repeat is told the hold is gone")
    void aRepeatedReleaseAnswersTheFirst() {
        String unit = unit("H4");
        hold(unit, UUID.randomUUID().toString());
        String requestId = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            web.delete().uri("/api/deals/sites/{s}/units/{u}/hold?requestId={r}", SITE, unit, requestId)
                    .headers(h -> h.setBearerAuth(rep(SITE, 1))).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("AVAILABLE");
        }
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-released", p -> unit.equals(p.path("unitId").asString()))).hasSize(1);
        web.delete().uri("/api/deals/sites/{s}/units/{u}/hold", SITE, unit).headers(h -> h.setBearerAuth(rep(SITE, 1))).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:hold-gone");
        web.delete().uri("/api/deals/sites/{s}/units/{u}/hold?requestId={r}", SITE, unit, "bad id with spaces")
                .headers(h -> h.setBearerAuth(rep(SITE, 1))).exchange().expectStatus().isBadRequest();
    }

    @Test
    @DisplayName("R-DEAL-1 R-DEAL-2 a hold's requestId reused for another customer is refused 409 request-id-reused: the first hold stays, nothing else is held")
    void aHoldsRequestIdReusedForAnotherCustomerIsRefused() {
        f.customer(SITE, "rw-c2", SITE + "-rep1");
        String unit = unit("H5");
        String requestId = UUID.randomUUID().toString();
        EntityExchangeResult<Map> first = hold(unit, requestId);
        assertThat(first.getStatus().value()).isEqualTo(201);
        Map<String, Object> before = f.unitJson(SITE, unit);

        web.post().uri("/api/deals/sites/{s}/units/{u}/hold", SITE, unit).headers(h -> h.setBearerAuth(rep(SITE, 1)))
                .bodyValue(object("customerId", "rw-c2", "requestId", requestId)).exchange()
                .expectStatus().isEqualTo(409).expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:request-id-reused")
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).startsWith("这个请求编号已用于"));

        assertThat(f.unitJson(SITE, unit)).as("the first hold untouched").isEqualTo(before);
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-held", p -> unit.equals(p.path("unitId").asString()))).hasSize(1);
        // the true repeat still answers the first hold
        assertThat(holdId(hold(unit, requestId))).isEqualTo(holdId(first));
    }

    @Test
    @DisplayName("R-DEAL-1 R-FIN-1 a deposit request's requestId reused for another amount or kind is refused 409 request-id-reused: the first request stays, the desk is asked once")
    void aDepositRequestsRequestIdReusedForAnotherAmountIsRefused() {
        String unit = unit("H6");
        hold(unit, UUID.randomUUID().toString());
        String requestId = UUID.randomUUID().toString();
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", "20000", "requestId", requestId)).expectStatus().isCreated();
        Map<String, Object> before = f.unitJson(SITE, unit);

        for (Map<String, Object> other : List.of(object("kind", "SMALL", "amount", "30000", "requestId", requestId),
                object("kind", "BIG", "amount", "20000", "requestId", requestId, "buyer", DealFixture.buyer()))) {
            f.requestDeposit(rep(SITE, 1), SITE, unit, other).expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:request-id-reused");
        }

        assertThat(f.unitJson(SITE, unit)).as("the first request untouched").isEqualTo(before);
        assertThat(TopicProbe.events(Topics.DEAL, "deal.deposit-requested", p -> unit.equals(p.path("unitId").asString()))).hasSize(1);
        // the true repeat (the amount written another way) still answers the first request
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", "20000.00", "requestId", requestId)).expectStatus().isCreated()
                .expectHeader().valueEquals(SalesController.REPLAYED, "true");
    }

    private String unit(String building) {
        f.building(SITE, building, List.of("101,1,3000000"));
        return SITE + "-" + building + "-101";
    }

    @SuppressWarnings("rawtypes")
    private EntityExchangeResult<Map> hold(String unit, String requestId) {
        return web.post().uri("/api/deals/sites/{s}/units/{u}/hold", SITE, unit).headers(h -> h.setBearerAuth(rep(SITE, 1)))
                .bodyValue(object("customerId", "rw-c1", "requestId", requestId)).exchange().expectBody(Map.class).returnResult();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String holdId(EntityExchangeResult<Map> answer) {
        return (String) ((Map<String, Object>) answer.getResponseBody().get("hold")).get("holdId");
    }
}
