package io.anchang.platform.web;

import io.anchang.platform.testapp.TestApp;
import io.anchang.platform.testapp.TestController;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TestIssuer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's edge, on a real server with a real store: load shedding that refuses
 * before any work (issue 10), the request deadline, bounded JSON and bodies (issue 9), the
 * management port, the signing keys that a token cannot make the service download, and
 * HEAD_OFFICE read-only.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anchang.web.max-in-flight=4",
        "anchang.web.max-queued=2",
        "anchang.web.max-queue-wait=300ms",
        "anchang.web.deadline=10s",
        "anchang.web.retry-after=7s",
        "anchang.security.jwks-refresh-interval=1h"})
class WebEdgeIntegrationTest {

    static final TestIssuer ISSUER = TestIssuer.shared();
    static final String DATABASE = "platform-web-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    ReactiveMongoTemplate template;

    WebTestClient web() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void openTheGate() {
        TestController.gate.complete(null);
    }

    @Test
    @DisplayName("issue 10: a saturated service answers the excess 503 with Retry-After before any work, and stores nothing for them")
    void excessIsShedBeforeAnyWork() {
        TestController.gate = new CompletableFuture<>();
        String token = ISSUER.token("SH01-rep1", "SALES", "SH01");
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        List<String> ids = Flux.range(0, 20).map(i -> "shed-" + UUID.randomUUID()).collectList().block();
        AtomicInteger refused = new AtomicInteger();
        CompletableFuture<List<Answer>> answers = Flux.fromIterable(ids)
                .flatMap(id -> client.post().uri("/api/test/sites/SH01/writes")
                        .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("requestId", id))
                        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                .map(body -> new Answer(id, response.statusCode().value(),
                                        response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), body)))
                        .doOnNext(answer -> {
                            if (answer.status() == 503) {
                                refused.incrementAndGet();
                            }
                        }), 20)
                .collectList().toFuture();

        // four are at work (written, waiting at the gate); every other one is refused meanwhile,
        // the two that queued once their wait ran out
        await().atMost(Duration.ofSeconds(60)).until(() -> refused.get() == 16 && count(ids) == 4);
        TestController.gate.complete(null);
        List<Answer> all = answers.join();

        List<Answer> shed = all.stream().filter(a -> a.status() == 503).toList();
        List<Answer> done = all.stream().filter(a -> a.status() == 201).toList();
        assertThat(done).hasSize(4);
        assertThat(shed).hasSize(16);
        assertThat(shed).allSatisfy(a -> {
            assertThat(a.retryAfter()).isEqualTo("7");
            assertThat(a.body()).contains("urn:anchang:problem:overloaded").contains("系统繁忙");
        });
        assertThat(stored(ids)).as("only the admitted requests wrote anything")
                .isEqualTo(done.stream().map(Answer::id).collect(Collectors.toSet()));

        // the places are free again
        String next = "after-" + UUID.randomUUID();
        web().post().uri("/api/test/sites/SH01/writes").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", next))
                .exchange().expectStatus().isCreated();
    }

    @Test
    @DisplayName("issue 10: past its deadline a request is answered 504 'outcome unknown' by the service itself, and its place is freed")
    void aRequestPastItsDeadlineIsAnsweredByTheService() {
        TestController.gate = new CompletableFuture<>();
        String token = ISSUER.token("SH01-rep1", "SALES", "SH01");
        web().post().uri("/api/test/sites/SH01/writes").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", "late-" + UUID.randomUUID()))
                .exchange().expectStatus().isEqualTo(504)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:deadline-exceeded");
        TestController.gate.complete(null);
        for (int i = 0; i < 6; i++) { // more than the places: each was given back
            web().post().uri("/api/test/sites/SH01/writes").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", "free-" + UUID.randomUUID()))
                    .exchange().expectStatus().isCreated();
        }
    }

    @Test
    @DisplayName("issue 17: an answer whose headers went out but whose body did not finish by the deadline is broken off (the connection closed), never left open for ever")
    void aHalfWrittenAnswerPastTheDeadlineIsBrokenOff() throws Exception {
        TestController.gate = new CompletableFuture<>();
        String token = ISSUER.token("SH01-rep1", "SALES", "SH01");
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<java.net.http.HttpResponse<String>> answer = client.sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/test/sites/SH01/half-written"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).build(), info -> {
            status.set(info.statusCode());
            return java.net.http.HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
        });
        // the deadline is 10 s: well before 40 s the answer must have ended one way or the other
        assertThat(answer).as("the half-written answer ends instead of waiting for its body for ever")
                .failsWithin(Duration.ofSeconds(40))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(java.io.IOException.class);
        assertThat(status.get()).as("its headers had gone out").isEqualTo(200);
        TestController.gate.complete(null);
        for (int i = 0; i < 6; i++) { // more than the places: its place was given back
            web().post().uri("/api/test/sites/SH01/writes").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", "freed-" + UUID.randomUUID()))
                    .exchange().expectStatus().isCreated();
        }
    }

    @Test
    @DisplayName("issue 9: JSON nested too deep, an overlong string or number, and an oversized body are refused with problem details, never 500")
    void boundedJson() {
        String token = ISSUER.token("SH01-rep1", "SALES", "SH01");
        String deep = "{\"extra\":" + "[".repeat(40) + "]".repeat(40)
                + ",\"name\":\"a\",\"count\":1,\"role\":\"SALES\",\"day\":\"2026-01-01\",\"items\":[]}";
        String longString = "{\"name\":\"" + "x".repeat(70_000) + "\",\"count\":1,\"role\":\"SALES\",\"day\":\"2026-01-01\",\"items\":[]}";
        String longNumber = "{\"name\":\"a\",\"count\":1,\"role\":\"SALES\",\"day\":\"2026-01-01\",\"items\":[],\"amount\":"
                + "9".repeat(50) + "}";
        for (String body : List.of(deep, longString, longNumber)) {
            web().post().uri("/api/test/sites/SH01/orders").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail)
                            .contains("超出限制").hasSizeLessThan(400));
        }
        String huge = "{\"name\":\"" + "x".repeat(60_000) + "\",\"items\":[" + "\"y\",".repeat(70_000) + "\"y\"]}";
        web().post().uri("/api/test/sites/SH01/orders").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange().expectStatus().isEqualTo(413)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:body-too-large");
    }

    @Test
    @DisplayName("issue 9: a wrong value is named in the answer by at most a few dozen characters")
    void oversizedValuesAreNotEchoed() {
        String token = ISSUER.token("SH01-rep1", "SALES", "SH01");
        String body = "{\"name\":\"a\",\"count\":1,\"role\":\"SALES\",\"day\":\"" + "9".repeat(30_000) + "\",\"items\":[]}";
        web().post().uri("/api/test/sites/SH01/orders").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).hasSizeLessThan(400));
        web().get().uri("/api/test/sites/SH01/orders/" + "z".repeat(3000)).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).hasSizeLessThan(400));
    }

    @Test
    @DisplayName("issue 9: every problem detail that repeats what was sent repeats at most 40 characters of it (Echo): a broken JSON token, an unknown enum value, a wrong type of path variable, a site one does not belong to, an unknown address")
    void problemDetailsEchoAtMostFortyCharactersOfTheInput() {
        String token = ISSUER.token("SH01-rep1", "SALES", "SH01");
        String sent = "Q".repeat(5_000);
        String tooMuch = "Q".repeat(io.anchang.platform.validation.Echo.MAX + 1);
        String base = "\"name\":\"a\",\"day\":\"2026-01-01\"";
        List<String> bodies = List.of(
                "{\"name\":" + sent + "}",                                                              // not JSON: the parser quotes the token
                "{" + base + ",\"count\":1,\"items\":[],\"role\":\"" + sent + "\"}",                      // not one of the roles
                "{" + base + ",\"role\":\"SALES\",\"items\":[],\"count\":\"" + sent + "\"}",              // text where a number goes
                "{" + base + ",\"role\":\"SALES\",\"count\":1,\"items\":{\"" + sent + "\":1}}");        // an object where a list goes
        for (String body : bodies) {
            web().post().uri("/api/test/sites/SH01/orders").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).as(body.substring(0, 60))
                            .doesNotContain(tooMuch).hasSizeLessThan(400));
        }
        web().get().uri("/api/test/sites/SH01/orders/" + "Q".repeat(3_000)).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("Q").doesNotContain(tooMuch));
        web().get().uri("/api/test/sites/" + "Q".repeat(3_000) + "/orders/" + UUID.randomUUID()).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("Q").doesNotContain(tooMuch));
        web().get().uri("/api/test/nowhere/" + "Q".repeat(3_000)).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("Q").doesNotContain(tooMuch)
                        .hasSizeLessThan(200));
    }

    @Test
    @DisplayName("issue 9: a parameter whose name holds control characters is refused 400, not 500 (found by the fuzz)")
    void controlCharactersInAParameterNameAre400() {
        String manager = ISSUER.token("mgr-SH01", "MANAGER", "SH01");
        web().get().uri(java.net.URI.create("http://127.0.0.1:" + port + "/api/test/sites/SH01/audit?limit=7&%04%09%15=%1F"))
                .headers(h -> h.setBearerAuth(manager)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:request-rejected");
    }

    @Test
    @DisplayName("issue 9: a path variable that converts to nothing (a blank id) is 400, not 500 (found by the fuzz)")
    void aBlankPathVariableIs400() {
        String rep = ISSUER.token("SH01-rep1", "SALES", "SH01");
        web().get().uri(java.net.URI.create("http://127.0.0.1:" + port + "/api/test/sites/SH01/orders/%20"))
                .headers(h -> h.setBearerAuth(rep)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:invalid-input");
    }

    @Test
    @DisplayName("issue 9: metrics, health and API documents answer on the management port only")
    void managementOnItsOwnPort() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/v3/api-docs", "/actuator/openapi", "/swagger-ui.html")) {
            web().get().uri(path).exchange().expectStatus().value(status -> assertThat(status).as(path).isIn(401, 404));
        }
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics).contains("anchang_web_shed_total"));
        management().get().uri("/actuator/openapi").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/test/sites/{site}/orders']").exists();
    }

    @Test
    @DisplayName("issue 9: tokens naming unknown signing keys do not make the service download the keys per request")
    void unknownKeysDoNotDownloadPerRequest() {
        String valid = ISSUER.token("SH01-rep1", "SALES", "SH01");
        web().get().uri("/api/test/me").headers(h -> h.setBearerAuth(valid)).exchange().expectStatus().isOk();
        long before = ISSUER.keySetDownloads();
        for (int i = 0; i < 100; i++) {
            String forged = ISSUER.unknownKeyToken("attacker", "SALES", "SH01");
            web().get().uri("/api/test/me").headers(h -> h.setBearerAuth(forged)).exchange().expectStatus().isUnauthorized();
        }
        assertThat(ISSUER.keySetDownloads() - before).isLessThanOrEqualTo(1);
        web().get().uri("/api/test/me").headers(h -> h.setBearerAuth(valid)).exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("R-SEC-1 HEAD_OFFICE writes nothing, not even on a site its token lists")
    void headOfficeIsReadOnly() {
        String headOffice = ISSUER.token("hq", "HEAD_OFFICE", "SH01");
        String id = "hq-" + UUID.randomUUID();
        web().post().uri("/api/test/sites/SH01/writes").headers(h -> h.setBearerAuth(headOffice))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", id))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        assertThat(stored(List.of(id))).isEmpty();
        web().get().uri("/api/test/sites/SH01/orders/" + UUID.randomUUID()).headers(h -> h.setBearerAuth(headOffice))
                .exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("issue 9: a live stream ends when the token that opened it expires; a token without the site is refused at reconnect")
    void aStreamEndsWithItsToken() {
        String shortLived = ISSUER.shortLivedToken("SH01-control", "SALES_CONTROL", "SH01", Duration.ofSeconds(3));
        List<String> ticks = WebClient.create("http://127.0.0.1:" + port).get().uri("/api/test/sites/SH01/ticks")
                .accept(MediaType.TEXT_EVENT_STREAM).headers(h -> h.setBearerAuth(shortLived))
                .retrieve().bodyToFlux(String.class).collectList().block(Duration.ofSeconds(30));
        assertThat(ticks).as("it streamed, then it ended by itself").isNotEmpty();

        String lostTheSite = ISSUER.token("SH01-control", "SALES_CONTROL", "HZ01");
        web().get().uri("/api/test/sites/SH01/ticks").accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(lostTheSite)).exchange().expectStatus().isForbidden();
    }

    private long count(List<String> ids) {
        return template.count(Query.query(Criteria.where("_id").in(ids)), TestController.WRITES).block();
    }

    private Set<String> stored(List<String> ids) {
        return template.find(Query.query(Criteria.where("_id").in(ids)), Document.class, TestController.WRITES)
                .map(d -> d.getString("_id")).collect(Collectors.toSet()).block();
    }

    record Answer(String id, int status, String retryAfter, String body) {
    }
}
