package io.anchang.gateway;

import io.anchang.testing.BadTokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

class GatewaySecurityIntegrationTest extends GatewayTestContext {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("R-SEC each bad token gets 401 problem detail at the gateway, and the service receives nothing")
    void eachBadTokenIsRefusedBeforeTheService() {
        String path = "/api/reception/sites/SH01/visits-" + UUID.randomUUID();

        BadTokens.assertEachRefused(web, path, "SH01");

        assertThat(EchoBackend.shared().receivedOn(path)).isEmpty();
    }

    @Test
    @DisplayName("issue 9: an address the firewall turns away (an encoded slash) gets 400 with a problem detail at the gateway, not an empty body; the service receives nothing")
    void aRejectedAddressGetsAProblemDetail() {
        String id = UUID.randomUUID().toString();
        web.get().uri(URI.create("http://127.0.0.1:" + port + "/api/deals/sites/SH01/units/a%2F..%2F" + id))
                .headers(h -> h.setBearerAuth(token("SH01-rep1", "SALES", "SH01")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:request-rejected")
                .jsonPath("$.correlationId").isNotEmpty();

        assertThat(EchoBackend.shared().receivedOnPathEnding(id)).isEmpty();
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
    @DisplayName("R-SEC-1 a service-only endpoint (/api/<service>/internal/…) is never reachable from outside: 404 problem detail for a user's token and a service's, however the path is spelled; the service receives nothing")
    void serviceOnlyEndpointsAreRefusedAtTheGateway() {
        String rep = token("SH01-rep1", "SALES", "SH01");
        String admin = token("admin", "ADMIN", "SH01");
        String reception = io.anchang.testing.TestIssuer.shared().receptionToken();
        String id = UUID.randomUUID().toString();
        List<String> paths = List.of(
                "/api/customers/internal/sites/SH01/attributions",
                "/api/reception/internal/sites/SH01/visits-" + id,
                "/api/finance/internal/" + id,
                "/api/reception/./internal/x-" + id,
                "/api/reception//internal/y-" + id,
                "/api/reception/%69nternal/z-" + id,
                "/api/reception/INTERNAL/w-" + id,
                "/api/reception/internal;a=b/v-" + id,
                "/api/reception/sites/SH01/../../internal/u-" + id);
        for (String path : paths) {
            for (String token : List.of(rep, admin, reception)) {
                // sent as written (a URI string would be encoded once more: %69 → %2569)
                web.post().uri(URI.create("http://127.0.0.1:" + port + path))
                        .headers(h -> h.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(object("site", "SH01", "phone", "13800138000", "at", "2099-01-01T00:00:00Z"))
                        .exchange()
                        .expectStatus().value(status -> assertThat(status).as(path).isEqualTo(404))
                        .expectHeader().contentType("application/problem+json")
                        .expectBody()
                        .jsonPath("$.type").isEqualTo("urn:anchang:problem:not-found")
                        .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("没有这个地址"));
            }
        }
        // the same requests never reached a service (reception and finance echo what they receive)
        assertThat(EchoBackend.shared().receivedOn("/api/reception/internal/sites/SH01/visits-" + id)).isEmpty();
        assertThat(EchoBackend.shared().receivedOn("/api/finance/internal/" + id)).isEmpty();
        for (String tail : List.of("x-", "y-", "z-", "w-", "v-", "u-")) {
            assertThat(EchoBackend.shared().receivedOnPathEnding(tail + id)).as(tail).isEmpty();
        }
        // and an ordinary path next to them still goes through
        web.get().uri("/api/reception/sites/SH01/internals-" + id)
                .headers(h -> h.setBearerAuth(rep))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    @DisplayName("R-SEC-1 HEAD_OFFICE reads every site: its search by phone (a POST that only reads) reaches customer-service; its writes are refused at the gateway")
    void headOfficeSearchesByPhoneThroughTheGateway() {
        String headOffice = token("hq", "HEAD_OFFICE", "SH01");
        for (String site : List.of("SH01", "BJ01")) {
            web.post().uri("/api/customers/sites/{site}/customers/search", site)
                    .headers(h -> h.setBearerAuth(headOffice))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(object("phone", "13800138000"))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.searched").isEqualTo(site);
        }
        String path = "/api/reception/sites/SH01/visits-" + UUID.randomUUID();
        web.post().uri(path)
                .headers(h -> h.setBearerAuth(headOffice))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(object("phone", "13800138000"))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        web.post().uri("/api/customers/sites/SH01/customers/search/more")
                .headers(h -> h.setBearerAuth(headOffice))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(object("phone", "13800138000"))
                .exchange()
                .expectStatus().isForbidden();
        assertThat(EchoBackend.shared().receivedOn(path)).isEmpty();
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
