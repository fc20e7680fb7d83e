package io.anchang.gateway;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

class ResilienceIntegrationTest extends GatewayTestContext {

    @Value("${local.server.port}")
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    @DisplayName("issue 10: a service that is down: 503 (nothing happened) problem detail naming the service, with Retry-After, the correlation id and the path called")
    void downServiceAnswersProblem503() {
        String correlation = "desk-" + UUID.randomUUID();

        var result = web.get().uri("/api/deals/sites/SH01/holds")
                .headers(h -> {
                    h.setBearerAuth(token("SH01-rep1", "SALES", "SH01"));
                    h.set("X-Correlation-Id", correlation);
                })
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectHeader().exists("Retry-After")
                .expectHeader().valueEquals("X-Correlation-Id", correlation)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:service-unavailable")
                .jsonPath("$.title").isEqualTo("Service unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isEqualTo("交易服务暂时无法响应，请求未送达，请稍后重试 (The deal service is not answering;"
                        + " the request did not reach it — try again shortly)")
                .jsonPath("$.instance").isEqualTo("/api/deals/sites/SH01/holds")
                .jsonPath("$.correlationId").isEqualTo(correlation)
                .returnResult();
        assertThat(result.getResponseHeaders().get("X-Correlation-Id")).hasSize(1);
    }

    @Test
    @DisplayName("a service that is down answers writes with the same 503 problem detail: POST, PUT, PATCH, DELETE")
    void downServiceAnswersProblem503ForWrites() {
        String token = token("SH01-mgr", "MANAGER", "SH01");
        for (var method : List.of(HttpMethod.POST, HttpMethod.PUT,
                HttpMethod.PATCH, HttpMethod.DELETE)) {
            var request = web.method(method).uri("/api/deals/sites/SH01/holds/3-1702")
                    .headers(h -> h.setBearerAuth(token));
            if (method != HttpMethod.DELETE) {
                request.contentType(MediaType.APPLICATION_JSON).bodyValue(object("unit", "3-1702"));
            }
            request.exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType("application/problem+json")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:anchang:problem:service-unavailable")
                    .jsonPath("$.correlationId").isNotEmpty();
        }
    }

    @Test
    @DisplayName("issue 10: a service slower than its route's time limit: 504 'outcome unknown', never a 503 that says nothing happened")
    void slowServiceAnswersProblem504() {
        web.get().uri("/api/customers/wait/{millis}", 8_000)
                .headers(h -> h.setBearerAuth(token("SH01-rep1", "SALES", "SH01")))
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:gateway-timeout")
                .jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith("客户服务未在 3 秒内答复，结果未知"))
                .jsonPath("$.correlationId").isNotEmpty();
    }

    @Test
    @DisplayName("issue 9: 4xx answers and a service's shed 503s never open a route's breaker; its own 5xx do, and then nothing reaches it")
    void theBreakerCountsOnlyTheServicesOwnFailures() {
        CircuitBreaker breaker = breakers.circuitBreaker("finance");
        breaker.reset();
        String token = token("SH01-fin", "FINANCE", "SH01");
        try {
            for (int i = 0; i < 30; i++) {
                web.get().uri("/api/finance/status/404").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNotFound();
                web.get().uri("/api/finance/status/409").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isEqualTo(409);
                web.get().uri("/api/finance/status/503-retry").headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectBody().jsonPath("$.type").isEqualTo(EchoBackend.BACKEND_PROBLEM_TYPE);
            }
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();

            breaker.reset(); // the successes above would dilute the failure rate
            for (int i = 0; i < 20; i++) {
                web.get().uri("/api/finance/status/500").headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isEqualTo(500)
                        .expectBody().jsonPath("$.type").isEqualTo(EchoBackend.BACKEND_PROBLEM_TYPE);
            }
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            String path = "/api/finance/sites/SH01/after-" + UUID.randomUUID();
            web.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:service-unavailable");
            assertThat(EchoBackend.shared().receivedOn(path)).as("nothing reaches a service whose breaker is open").isEmpty();
        } finally {
            breaker.reset();
        }
    }

    @Test
    @DisplayName("a service slower than Spring Cloud's 1 s default but within its route's limit answers")
    void serviceWithinItsRouteLimitAnswers() {
        web.get().uri("/api/customers/wait/{millis}", 1_500)
                .headers(h -> h.setBearerAuth(token("SH01-rep1", "SALES", "SH01")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.waited").isEqualTo(1500);
    }

    @Test
    @DisplayName("thirty callers at once all reach the service: no hidden per-route concurrency limit answers 503")
    void manyCallersAtOnceAreAllServed() {
        int callers = 30;
        String key = UUID.randomUUID().toString();
        String token = token("SH01-rep1", "SALES", "SH01");
        WebClient client = WebClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
                .build();

        List<HttpStatusCode> answers = Flux.range(0, callers)
                .flatMap(i -> client.get().uri("/api/customers/gather/{key}/{count}", key, callers)
                        .headers(h -> h.setBearerAuth(token))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode())), callers)
                .collectList()
                .block(Duration.ofSeconds(20));

        assertThat(answers).hasSize(callers).allMatch(status -> status.value() == 200);
    }
}
