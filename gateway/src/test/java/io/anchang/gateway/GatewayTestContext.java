package io.anchang.gateway;

import io.anchang.testing.FreePorts;
import io.anchang.testing.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of real HTTP servers: reception, finance and reporting go to the
 * {@link EchoBackend}, customer to the {@link SlowBackend}, deal to a port where nothing
 * listens. Every integration test class extends this one, so they share one application
 * context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class GatewayTestContext {

    /** One of the web UI origins the gateway allows by default. */
    static final String WEB_UI = "http://localhost:5173";
    static final int NOTHING_LISTENS = FreePorts.next();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestIssuer.shared().properties().forEach((key, value) -> registry.add(key, () -> value));
        // the first request also warms up the JIT and fetches the issuer's keys: allow for a loaded machine
        registry.add("spring.test.webtestclient.timeout", () -> "30s");
        registry.add("RECEPTION_URI", () -> EchoBackend.shared().uri());
        registry.add("CUSTOMER_URI", () -> SlowBackend.shared().uri());
        registry.add("DEAL_URI", () -> "http://127.0.0.1:" + NOTHING_LISTENS);
        registry.add("FINANCE_URI", () -> EchoBackend.shared().uri());
        registry.add("REPORTING_URI", () -> EchoBackend.shared().uri());
        // a short time limit, so that the slow backend can outlast it quickly
        registry.add("anchang.gateway.time-limit", () -> "3s");
    }

    @Autowired
    WebTestClient web;

    static String token(String user, String role, String... sites) {
        return TestIssuer.shared().token(user, role, sites);
    }
}
