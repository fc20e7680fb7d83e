package io.anchang.reception.adapter.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionBatch;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.problem.ProblemException;
import io.anchang.reception.application.CustomerDirectory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flow 1's questions to customer-service under a burst (issue 17), against a stand-in of customer-service's batch path:
 * a healthy customer-service that answers one call at a time is a queue, not a failure — the burst's questions go in a
 * few calls, every walk-in gets its own answer, the breaker stays closed; degraded mode is for a customer-service that
 * fails or falls silent; a full queue refuses before anything is done.
 */
class HttpCustomerDirectoryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer server;
    private final AtomicInteger answering = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger batchCalls = new AtomicInteger();
    private final ConcurrentLinkedQueue<Integer> batchSizes = new ConcurrentLinkedQueue<>();

    enum Behaviour { ANSWERS, FAILS }

    /**
     * customer-service as a stand-in: one call at a time, each {@code millis} long; it answers each question with its own
     * visit id (or, for a phone ending in 999, refuses that question alone), or fails every call with 500.
     */
    private String customerService(long millis, Behaviour behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            send(exchange, 200, "{\"access_token\":\"reception-token\",\"expires_in\":300}".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/", exchange -> {
            int now = answering.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answering.decrementAndGet();
            boolean batch = exchange.getRequestURI().getPath().endsWith("/batch");
            if (behaviour == Behaviour.FAILS) {
                send(exchange, 500, "{}".getBytes(StandardCharsets.UTF_8));
            } else if (batch) {
                batchCalls.incrementAndGet();
                List<Object> outcomes = new ArrayList<>();
                for (JsonNode question : body.path("questions")) {
                    outcomes.add(outcome(question));
                }
                batchSizes.add(outcomes.size());
                send(exchange, 200, JSON.writeValueAsBytes(Map.of("outcomes", outcomes)));
            } else {
                send(exchange, 404, "{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Object outcome(JsonNode question) {
        String visitId = question.path("visitId").asString();
        if (question.path("phone").asString().endsWith("999")) {
            return new AttributionBatch.Outcome(visitId, null, new AttributionBatch.Problem(400, "urn:anchang:problem:attribution-invalid",
                    "Invalid request", "来访登记的内容超出长度限制"));
        }
        return new AttributionBatch.Outcome(visitId, answer(visitId), null);
    }

    private static AttributionAnswer answer(String visitId) {
        return new AttributionAnswer(visitId, "c-" + visitId, "A-1", "138****0000", true, "rep1", null, null, true, "rep1", null,
                "R-ATT-1", "新客户", List.of(), List.of(), null, null);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static AttributionRequest question(int i) {
        return new AttributionRequest("v" + i, Channel.VISIT, "+8613800000" + String.format("%03d", i), null, Instant.now(),
                "desk", Statement.none(), null, null, false, "desk");
    }

    private HttpCustomerDirectory directory(String uri, CircuitBreaker breaker, Duration timeout, int maxCalls, int maxWaiting) {
        WebClient web = WebClient.builder().baseUrl(uri).build();
        ServiceTokens tokens = new ServiceTokens(web, uri + "/token", "anchang-reception", "secret", timeout);
        return new HttpCustomerDirectory(web, tokens, breaker, JSON, new HttpCustomerDirectory.Limits(timeout, maxCalls,
                AttributionBatch.MOST, 128 * 1024, maxWaiting));
    }

    private static List<Object> burst(HttpCustomerDirectory directory, int count) {
        return Flux.range(0, count)
                .flatMapSequential(i -> directory.reserve().attribute("SH01", question(i)).<Object>map(answer -> answer)
                        .onErrorResume(error -> Mono.just(error)), count)
                .collectList().block(Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("flow 1: a burst of 120 walk-ins at a healthy customer-service that answers one call at a time goes in a few batches of at most 50, each walk-in its own answer, none degraded, the breaker closed")
    void aBurstIsBatchedNotDegraded() throws IOException {
        String uri = customerService(300, Behaviour.ANSWERS);
        CircuitBreaker breaker = HttpCustomerDirectory.breaker("customer-service", 10, Duration.ofSeconds(10));
        // each call takes 300 ms; 120 calls one at a time would take 36 s, far more than the 5 s limit of one call
        HttpCustomerDirectory directory = directory(uri, breaker, Duration.ofSeconds(5), 2, 400);
        // the first call fetches the token and warms the client up: not part of the burst
        assertThat(directory.attribute("SH01", question(999_000)).block(Duration.ofSeconds(30))).isNotNull();
        batchCalls.set(0);
        batchSizes.clear();
        mostAtOnce.set(0);
        long before = directory.callsMade();

        List<Object> outcomes = burst(directory, 120);

        assertThat(outcomes).hasSize(120);
        for (int i = 0; i < 120; i++) {
            assertThat(outcomes.get(i)).isInstanceOf(AttributionAnswer.class);
            assertThat(((AttributionAnswer) outcomes.get(i)).visitId()).as("each walk-in its own answer").isEqualTo("v" + i);
        }
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, AttributionBatch.MOST));
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(120);
        assertThat(batchCalls.get()).as("calls to customer-service for 120 walk-ins").isLessThan(20);
        assertThat(directory.callsMade() - before).isEqualTo(batchCalls.get());
        assertThat(mostAtOnce).hasValueLessThanOrEqualTo(2);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(directory.inFlight()).isZero();
        assertThat(directory.queued()).isZero();
    }

    @Test
    @DisplayName("flow 1: a question customer-service refuses in a batch is refused alone (its problem detail); the others of the batch are answered")
    void aRefusedQuestionDoesNotFailItsBatch() throws IOException {
        String uri = customerService(100, Behaviour.ANSWERS);
        CircuitBreaker breaker = HttpCustomerDirectory.breaker("customer-service", 10, Duration.ofSeconds(10));
        HttpCustomerDirectory directory = directory(uri, breaker, Duration.ofSeconds(2), 1, 400);

        List<Object> outcomes = Flux.range(990, 20)
                .flatMapSequential(i -> directory.attribute("SH01", question(i)).<Object>map(answer -> answer)
                        .onErrorResume(error -> Mono.just(error)), 20)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(outcomes.get(9)).isInstanceOfSatisfying(ProblemException.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.type()).isEqualTo("attribution-invalid");
        });
        assertThat(outcomes).filteredOn(AttributionAnswer.class::isInstance).hasSize(19);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    @DisplayName("flow 1 degraded: a customer-service that fails opens the breaker, and walk-ins go on in degraded mode")
    void failuresStillOpenTheBreaker() throws IOException {
        String uri = customerService(1, Behaviour.FAILS);
        CircuitBreaker breaker = HttpCustomerDirectory.breaker("customer-service", 4, Duration.ofSeconds(10));
        HttpCustomerDirectory directory = directory(uri, breaker, Duration.ofSeconds(1), 2, 400);

        List<Object> outcomes = Flux.range(0, 12)
                .concatMap(i -> directory.attribute("SH01", question(i)).<Object>map(answer -> answer)
                        .onErrorResume(CustomerDirectory.Unavailable.class, Mono::just))
                .collectList().block(Duration.ofSeconds(60));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(CustomerDirectory.Unavailable.class));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(outcomes.get(11)).extracting(o -> ((Throwable) o).getMessage()).isEqualTo("circuit breaker open");
    }

    @Test
    @DisplayName("flow 1 degraded: a silent customer-service opens the breaker within one batch, and the queue behind it goes to degraded mode at once")
    void aSilentCustomerServiceOpensTheBreakerWithinOneBatch() throws IOException {
        String uri = customerService(3_000, Behaviour.ANSWERS);
        CircuitBreaker breaker = HttpCustomerDirectory.breaker("customer-service", 10, Duration.ofSeconds(30));
        HttpCustomerDirectory directory = directory(uri, breaker, Duration.ofMillis(300), 1, 400);

        List<Object> outcomes = burst(directory, 100);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(CustomerDirectory.Unavailable.class));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(directory.callsMade()).as("the first call alone, then one batch of 50: the breaker opened").isLessThanOrEqualTo(3);
        assertThat(outcomes).filteredOn(o -> "circuit breaker open".equals(((Throwable) o).getMessage())).isNotEmpty();
    }

    @Test
    @DisplayName("flow 1: a full queue refuses a walk-in with 503 before anything is done; a place given back is taken again")
    void aFullQueueRefusesBeforeAnything() throws IOException {
        String uri = customerService(1, Behaviour.ANSWERS);
        HttpCustomerDirectory directory = directory(uri, HttpCustomerDirectory.breaker("customer-service", 10, Duration.ofSeconds(10)),
                Duration.ofSeconds(1), 2, 2);

        CustomerDirectory.Place first = directory.reserve();
        CustomerDirectory.Place second = directory.reserve();
        assertThatThrownBy(directory::reserve).isInstanceOfSatisfying(ProblemException.class, full -> {
            assertThat(full.status()).isEqualTo(503);
            assertThat(full.type()).isEqualTo("desk-busy");
            assertThat(full.detail()).contains("未登记任何内容");
        });
        assertThat(directory.callsMade()).isZero();
        first.release();
        first.release();
        CustomerDirectory.Place third = directory.reserve();
        assertThatThrownBy(directory::reserve).isInstanceOf(ProblemException.class);
        assertThat(third.attribute("SH01", question(1)).block(Duration.ofSeconds(10)).visitId()).isEqualTo("v1");
        second.release();
        third.release();
    }
}
