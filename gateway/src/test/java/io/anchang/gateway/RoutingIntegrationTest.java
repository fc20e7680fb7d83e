package io.anchang.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingIntegrationTest extends GatewayTestContext {

    @Autowired
    RouteLocator routes;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    @DisplayName("the service gets the caller's own token and the caller's correlation id, and answers through the gateway")
    void serviceGetsTheSameTokenAndCorrelationId() {
        String token = token("SH01-rep1", "SALES", "SH01");
        String correlation = "desk-" + UUID.randomUUID();

        web.get().uri("/api/reception/sites/SH01/rotation")
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("X-Correlation-Id", correlation);
                })
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", correlation)
                .expectBody()
                .jsonPath("$.path").isEqualTo("/api/reception/sites/SH01/rotation")
                .jsonPath("$.headers.authorization.length()").isEqualTo(1)
                .jsonPath("$.headers.authorization[0]").isEqualTo("Bearer " + token)
                .jsonPath("$.headers['x-correlation-id'].length()").isEqualTo(1)
                .jsonPath("$.headers['x-correlation-id'][0]").isEqualTo(correlation);
    }

    @Test
    @DisplayName("a list the service's limit cut reaches the web application saying so: X-Truncated and X-Limit pass the gateway")
    void aCutListsHeadersPass() {
        web.get().uri("/api/reception/sites/SH01/cut-list").headers(h -> h.setBearerAuth(token("SH01-rep1", "SALES", "SH01")))
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Truncated", "true")
                .expectHeader().valueEquals("X-Limit", "500");
    }

    @Test
    @DisplayName("a request without a correlation id gets one, and the service sees the same one the caller is told")
    void gatewayCreatesTheCorrelationIdItPassesOn() {
        String path = "/api/reports/sites/SH01/daily-" + UUID.randomUUID();

        var result = web.get().uri(path)
                .headers(h -> h.setBearerAuth(token("SH01-mgr", "MANAGER", "SH01")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();

        String told = result.getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(told).isNotBlank();
        assertThat(result.getResponseHeaders().get("X-Correlation-Id")).hasSize(1);
        assertThat(EchoBackend.shared().receivedOn(path)).singleElement()
                .satisfies(seen -> assertThat(seen.headers().get("x-correlation-id")).containsExactly(told));
    }

    @Test
    @DisplayName("a write reaches the service with its method and body")
    void writeReachesTheServiceWithItsBody() {
        String path = "/api/finance/sites/SH01/receipts-" + UUID.randomUUID();

        web.put().uri(path)
                .headers(h -> h.setBearerAuth(token("SH01-fin", "FINANCE", "SH01")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(object("amount", "1000.00", "note", "定金"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.method").isEqualTo("PUT")
                .jsonPath("$.body").isEqualTo("{\"amount\":\"1000.00\",\"note\":\"定金\"}");
    }

    @Test
    @DisplayName("a service's 400 and 404 reach the caller unchanged, for reads and writes, and do not count against its breaker")
    void clientErrorsOfAServicePassThroughUnchanged() {
        String token = token("SH01-rep1", "SALES", "SH01");
        for (int status : new int[] {400, 404, 409, 422}) {
            for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST}) {
                var request = web.method(method).uri("/api/reception/sites/SH01/status/{status}", status)
                        .headers(h -> h.setBearerAuth(token));
                if (method == HttpMethod.POST) {
                    request.contentType(MediaType.APPLICATION_JSON).bodyValue(object("phone", "not a phone"));
                }
                byte[] body = request.exchange()
                        .expectStatus().isEqualTo(status)
                        .expectHeader().contentType("application/problem+json")
                        .expectBody().returnResult().getResponseBody();
                assertThat(new String(body, StandardCharsets.UTF_8)).as(method + " " + status)
                        .isEqualTo(EchoBackend.problemBody(status));
            }
        }

        var metrics = breakers.circuitBreaker("reception").getMetrics();
        assertThat(metrics.getNumberOfFailedCalls()).isZero();
        assertThat(breakers.circuitBreaker("reception").getState().name()).isEqualTo("CLOSED");
    }

    @Test
    @DisplayName("a route per service is loaded, each to its service's address, and sales control's stream has its own")
    void everyServicesRouteIsLoaded() {
        Map<String, URI> loaded = routes.getRoutes().collect(Collectors.toMap(Route::getId, Route::getUri))
                .block(Duration.ofSeconds(5));

        URI echo = URI.create(EchoBackend.shared().uri());
        assertThat(loaded).containsOnly(
                Map.entry("reception", echo),
                Map.entry("customer", URI.create(SlowBackend.shared().uri())),
                Map.entry("deal", URI.create("http://127.0.0.1:" + NOTHING_LISTENS)),
                Map.entry("deal-stream", URI.create("http://127.0.0.1:" + NOTHING_LISTENS)),
                Map.entry("finance", echo),
                Map.entry("reporting", echo));
    }

    @Test
    @DisplayName("each route has a breaker of its own, the live stream shares deal's")
    void eachRouteHasItsOwnBreaker() {
        assertThat(breakers.getAllCircuitBreakers()).extracting(CircuitBreaker::getName)
                .contains("reception", "customer", "deal", "finance", "reporting")
                .doesNotContain("deal-stream");
    }
}
