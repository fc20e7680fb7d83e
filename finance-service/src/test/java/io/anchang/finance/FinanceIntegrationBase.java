package io.anchang.finance;

import io.anchang.platform.events.Topics;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.object;

/**
 * One running finance-service for every integration test of the module, and the deal events it hears;
 * on a {@link TestClock} a test may move (put back after each test). The deadline check does not run by
 * itself here: a test runs it at the instant it chooses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(FinanceIntegrationBase.Clocks.class)
abstract class FinanceIntegrationBase {

    static final String DATABASE = "finance-it";
    static final TestClock CLOCK = new TestClock();

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, DATABASE);
        registry.add("anchang.finance.deadline-check", () -> "1h");
    }

    @AfterEach
    void clockBack() {
        CLOCK.reset();
    }

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    static String token(String user, String role, String site) {
        return TestIssuer.shared().token(user, role, site);
    }

    static String finance(String site) {
        return token("fin-" + site, "FINANCE", site);
    }

    static String manager(String site) {
        return token("mgr-" + site, "MANAGER", site);
    }

    /** deal-service asks the desk for a deposit (as {@code deal.deposit-requested}); returns the request id once queued. */
    static String requested(String site, String unit, String kind, String amount, String price) {
        String requestId = UUID.randomUUID().toString();
        SharedMongo.awaitConsumed(DATABASE, "finance-deposit-requested", publishRequest(site, unit, kind, amount, price, requestId));
        return requestId;
    }

    /** As {@link #requested}, without waiting for the desk to queue it. */
    static UUID publishRequest(String site, String unit, String kind, String amount, String price, String requestId) {
        return publishRequest(site, unit, kind, amount, price, requestId, Instant.now().plus(Duration.ofMinutes(30)), "hold-" + requestId);
    }

    /** A request whose hold (the confirmation's deadline) expires at {@code expires}. */
    static UUID publishRequest(String site, String unit, String kind, String amount, String price, String requestId, Instant expires,
                               String holdId) {
        return TestEvents.publish(Topics.DEAL, "deal.deposit-requested", 1, site, unit, object(
                "requestId", requestId, "siteId", site, "unitId", unit, "unitLabel", unit.substring(site.length() + 1),
                "holdId", holdId, "customerId", "c-1", "customerName", "王先生", "repUserId", site + "-rep1",
                "repName", "张伟", "kind", kind, "amountDue", new BigDecimal(amount), "price", new BigDecimal(price),
                "holdExpiresAt", expires.toString(), "requestedAt", Instant.now().toString(), "payBy", expires.toString()),
                "it-" + UUID.randomUUID());
    }

    /** A request queued at the desk whose deadline is {@code expires}; returns its id. */
    static String requestedUntil(String site, String unit, String kind, String amount, Instant expires) {
        String requestId = UUID.randomUUID().toString();
        SharedMongo.awaitConsumed(DATABASE, "finance-deposit-requested",
                publishRequest(site, unit, kind, amount, "3000000", requestId, expires, "hold-" + requestId));
        return requestId;
    }

    WebTestClient.ResponseSpec confirm(String token, String requestId, Map<String, Object> body) {
        return web.post().uri("/api/finance/deposit-requests/{id}/confirmation", requestId).headers(h -> h.setBearerAuth(token))
                .bodyValue(body).exchange();
    }

    static Map<String, Object> payment(Object amount) {
        return object("amount", amount, "method", "TRANSFER", "reference", "BANK-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
