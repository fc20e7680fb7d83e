package io.anchang.gateway;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import io.anchang.testing.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, "one site can cut a service off for all sites": one user's flood is refused at the
 * gateway with 429 while everybody else is served, and one user holds at most three live
 * boards open. A context of its own, with a small limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PerUserLimitsIntegrationTest {

    static final int LIMIT = 20;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        TestIssuer.shared().properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.test.webtestclient.timeout", () -> "30s");
        registry.add("RECEPTION_URI", () -> EchoBackend.shared().uri());
        registry.add("DEAL_URI", () -> SlowBackend.shared().uri());
        registry.add("anchang.gateway.limits.requests-per-period", () -> LIMIT);
        registry.add("anchang.gateway.limits.period", () -> "1h");
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    WebTestClient web;

    static String token(String user, String role, String... sites) {
        return TestIssuer.shared().token(user, role, sites);
    }

    @Test
    @DisplayName("issue 9: a user beyond their limit gets 429 with Retry-After and reaches no service; another user is served meanwhile")
    void oneUsersFloodIsRefusedAndOthersAreServed() {
        String flooder = token("flood-" + UUID.randomUUID(), "SALES", "SH01");
        String path = "/api/reception/sites/SH01/flood-" + UUID.randomUUID();
        for (int i = 0; i < LIMIT; i++) {
            web.get().uri(path).headers(h -> h.setBearerAuth(flooder)).exchange().expectStatus().isOk();
        }
        for (int i = 0; i < 5; i++) {
            web.get().uri(path).headers(h -> h.setBearerAuth(flooder)).exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().contentType("application/problem+json")
                    .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isPositive())
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:rate-limited")
                    .jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith("您的请求过于频繁"));
        }
        assertThat(EchoBackend.shared().receivedOn(path)).hasSize(LIMIT);

        String colleague = token("other-" + UUID.randomUUID(), "SALES", "HZ01");
        web.get().uri("/api/reception/sites/HZ01/rotation").headers(h -> h.setBearerAuth(colleague)).exchange()
                .expectStatus().isOk();
    }

    @Test
    @DisplayName("issue 9: one user holds at most 3 live boards open; a fourth is refused 429 until one closes")
    void atMostThreeStreamsPerUser() {
        String user = "board-" + UUID.randomUUID();
        String token = token(user, "SALES_CONTROL", "SH01");
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        List<Disposable> boards = new ArrayList<>();
        int before = SlowBackend.shared().openStreams();
        try {
            for (int i = 0; i < 3; i++) {
                boards.add(client.get().uri("/api/deals/sites/SH01/unit-changes").accept(MediaType.TEXT_EVENT_STREAM)
                        .headers(h -> h.setBearerAuth(token)).retrieve().bodyToFlux(String.class).subscribe());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> SlowBackend.shared().openStreams() - before == 3);

            web.get().uri("/api/deals/sites/SH01/unit-changes").accept(MediaType.TEXT_EVENT_STREAM)
                    .headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().exists("Retry-After")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:too-many-streams");
            assertThat(SlowBackend.shared().openStreams() - before).isEqualTo(3);

            boards.remove(0).dispose();
            await().atMost(Duration.ofSeconds(20)).until(() -> SlowBackend.shared().openStreams() - before == 2);
            // the gateway counts the closed board out as the connection goes; the next one is let in
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                AtomicReference<Throwable> refused = new AtomicReference<>();
                Disposable board = client.get().uri("/api/deals/sites/SH01/unit-changes").accept(MediaType.TEXT_EVENT_STREAM)
                        .headers(h -> h.setBearerAuth(token)).retrieve().bodyToFlux(String.class)
                        .subscribe(event -> { }, refused::set);
                boards.add(board);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> refused.get() != null || SlowBackend.shared().openStreams() - before == 3);
                return refused.get() == null;
            });

            String other = token("board-" + UUID.randomUUID(), "SALES_CONTROL", "SH01");
            boards.add(client.get().uri("/api/deals/sites/SH01/unit-changes").accept(MediaType.TEXT_EVENT_STREAM)
                    .headers(h -> h.setBearerAuth(other)).retrieve().bodyToFlux(String.class).subscribe());
            await().atMost(Duration.ofSeconds(20)).until(() -> SlowBackend.shared().openStreams() - before == 4);
        } finally {
            boards.forEach(Disposable::dispose);
        }
    }
}
