package io.anchang.gateway;

import io.anchang.testing.BadTokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.UUID;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

class GatewaySecurityIntegrationTest extends GatewayTestContext {

    @Test
    @DisplayName("R-SEC each bad token gets 401 problem detail at the gateway, and the service receives nothing")
    void eachBadTokenIsRefusedBeforeTheService() {
        String path = "/api/reception/sites/SH01/visits-" + UUID.randomUUID();

        BadTokens.assertEachRefused(web, path, "SH01");

        assertThat(EchoBackend.shared().receivedOn(path)).isEmpty();
    }

    @Test
    @DisplayName("R-SEC-1 a user of SH01 is refused BJ01's data at the gateway (403 problem detail); the service receives nothing")
    void anotherSitesDataIsRefusedAtTheGateway() {
        String sh01 = token("SH01-rep1", "SALES", "SH01");

        web.get().uri("/api/reception/sites/BJ01/rotation")
                .headers(h -> h.setBearerAuth(sh01))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied")
                .jsonPath("$.correlationId").isNotEmpty();
        web.put().uri("/api/reception/sites/BJ01/rotation")
                .headers(h -> h.setBearerAuth(sh01))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(object("reps", List.of("SH01-rep1")))
                .exchange()
                .expectStatus().isForbidden();

        assertThat(EchoBackend.shared().receivedOn("/api/reception/sites/BJ01/rotation")).isEmpty();
    }

    @Test
    @DisplayName("a preflight from the web UI is answered 200 with CORS headers, without a token, and never reaches a service")
    void preflightFromTheWebUiIsAnswered() {
        String path = "/api/reception/sites/SH01/visits-" + UUID.randomUUID();

        web.options().uri(path)
                .header(HttpHeaders.ORIGIN, WEB_UI)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,x-correlation-id")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, WEB_UI)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase()).contains("authorization", "content-type", "x-correlation-id"));

        assertThat(EchoBackend.shared().receivedOn(path)).isEmpty();
    }

    @Test
    @DisplayName("a preflight from any other origin is refused with 403")
    void preflightFromAnotherOriginIsRefused() {
        web.options().uri("/api/reception/sites/SH01/rotation")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    @DisplayName("the browser sees one Access-Control-Allow-Origin (the gateway's) and one correlation id, though the service sends its own")
    void corsAndCorrelationHeadersAreNotDuplicated() {
        var result = web.get().uri("/api/reception/sites/SH01/rotation")
                .header(HttpHeaders.ORIGIN, WEB_UI)
                .headers(h -> h.setBearerAuth(token("SH01-rep1", "SALES", "SH01")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();

        HttpHeaders headers = result.getResponseHeaders();
        assertThat(headers.get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).containsExactly(WEB_UI);
        assertThat(headers.get("X-Correlation-Id")).hasSize(1);
        assertThat(headers.get(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS)).singleElement()
                .satisfies(exposed -> assertThat(exposed).containsIgnoringCase("X-Correlation-Id"));
    }

    @Test
    @DisplayName("a request from another origin is refused with 403 and never reaches a service")
    void requestFromAnotherOriginIsRefused() {
        String path = "/api/reception/sites/SH01/visits-" + UUID.randomUUID();

        web.get().uri(path)
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .headers(h -> h.setBearerAuth(token("SH01-rep1", "SALES", "SH01")))
                .exchange()
                .expectStatus().isForbidden();

        assertThat(EchoBackend.shared().receivedOn(path)).isEmpty();
    }

    @Test
    @DisplayName("the web UI's paths need no token; health and metrics answer on the management port only")
    void webUiPathsArePublicAndManagementIsElsewhere(@LocalManagementPort int managementPort) {
        for (String path : new String[] {"/", "/index.html", "/assets/app.js", "/favicon.ico"}) {
            web.get().uri(path).exchange()
                    .expectStatus().value(status -> assertThat(status).as(path).isNotIn(401, 403));
        }
        web.get().uri("/api/reception/sites/SH01/rotation").exchange().expectStatus().isUnauthorized();
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/v3/api-docs"}) {
            web.get().uri(path).exchange().expectStatus().value(status -> assertThat(status).as(path).isIn(401, 404));
        }
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }
}
