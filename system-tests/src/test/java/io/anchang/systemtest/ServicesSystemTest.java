package io.anchang.systemtest;

import io.anchang.launcher.Endpoints;
import io.anchang.launcher.Ports;
import io.anchang.launcher.Progress;
import io.anchang.launcher.ServiceSpec;
import io.anchang.launcher.ServiceStack;
import io.anchang.testing.BadTokens;
import io.anchang.testing.SharedKafka;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.SiteIsolationWalk;
import io.anchang.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The five services and the gateway as processes, started by the launcher from their
 * built jars, against a real Kafka broker, the MongoDB stand-in over the wire and the test
 * token issuer; driven through the gateway as users would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServicesSystemTest {

    static final TestIssuer ISSUER = TestIssuer.shared();
    static final Ports PORTS = Ports.free();
    static ServiceStack stack;
    static WebTestClient gateway;

    @BeforeAll
    static void startTheOffice() throws Exception {
        Path root = Path.of(System.getProperty("anchang.root", "..")).toAbsolutePath().normalize();
        Path run = Files.createTempDirectory("anchang-system-test");
        String mongo = SharedMongo.uri("unused").replace("/unused", "");
        stack = new ServiceStack(root, run, ServiceStack.specs(PORTS),
                new Endpoints(mongo, SharedKafka.bootstrapServers(), ISSUER.issuer(), ISSUER.jwkSetUri()),
                new Progress(System.out)).start(Duration.ofMinutes(4));
        gateway = client(PORTS.gateway());
        String admin = ISSUER.token("admin-1", List.of("ADMIN"), List.of("*"));
        for (String site : List.of("SH01", "BJ01")) {
            gateway.post().uri("/api/reception/sites").headers(h -> h.setBearerAuth(admin))
                    .bodyValue(object("code", site, "name", "案场 " + site)).exchange().expectStatus().isCreated();
            gateway.put().uri("/api/reception/sites/{site}/staff", site).headers(h -> h.setBearerAuth(admin))
                    .bodyValue(object("staff", list(
                            object("userId", "mgr-" + site, "name", "王经理", "role", "MANAGER"),
                            object("userId", site + "-rep1", "name", "张三", "role", "SALES"),
                            object("userId", site + "-rep2", "name", "李四", "role", "SALES"))))
                    .exchange().expectStatus().isOk();
        }
    }

    @AfterAll
    static void stopTheOffice() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("R-REC-1 a rotation set through the gateway reaches reporting, and one correlation id ties the logs together")
    void aRotationChangeReachesReportingWithOneCorrelationId() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String correlation = "sys-" + UUID.randomUUID();
        gateway.put().uri("/api/reception/sites/SH01/rotations/{day}", today)
                .headers(h -> {
                    h.setBearerAuth(manager("SH01"));
                    h.set("X-Correlation-Id", correlation);
                })
                .bodyValue(object("reps", list("SH01-rep2", "SH01-rep1")))
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", correlation);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                gateway.get().uri("/api/reports/sites/SH01/rotations/{day}", today)
                        .headers(h -> h.setBearerAuth(ISSUER.token("SH01-rep1", "SALES", "SH01")))
                        .exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.order[0].userId").isEqualTo("SH01-rep2"));

        assertThat(log("gateway")).contains(correlation);
        assertThat(log("reception-service")).as("the service logs the gateway's correlation id").contains(correlation);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log("reporting-service"))
                .as("reporting logs it from the Kafka header").contains(correlation));
    }

    @Test
    @Order(2)
    void everyServiceKeepsItsCopyOfTheSiteDirectory() {
        for (String base : List.of("/api/customers", "/api/deals", "/api/finance", "/api/reports")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    gateway.get().uri(base + "/sites/SH01/profile")
                            .headers(h -> h.setBearerAuth(ISSUER.token("SH01-rep1", "SALES", "SH01")))
                            .exchange().expectStatus().isOk()
                            .expectBody().jsonPath("$.staff.length()").isEqualTo(3).jsonPath("$.timeZone").isEqualTo("Asia/Shanghai"));
        }
    }

    @Test
    @Order(3)
    void everyBadTokenIsRefusedAtTheGatewayOnEveryRoute() {
        for (String path : List.of("/api/reception/sites/SH01/rotation", "/api/customers/sites/SH01/profile",
                "/api/deals/sites/SH01/profile", "/api/finance/sites/SH01/profile", "/api/reports/sites/SH01/profile")) {
            BadTokens.assertEachRefused(gateway, path, "SH01");
        }
    }

    @Test
    @Order(4)
    @DisplayName("R-SEC-1 every operation of every service, called through the gateway for SH01 by BJ01's manager, is refused and writes nothing")
    void everyRouteOfEveryServiceIsIsolatedBySite() {
        Map<String, Object> before = auditOfSh01();
        String foreign = manager("BJ01");
        for (String module : List.of("reception-service", "customer-service", "deal-service", "finance-service", "reporting-service")) {
            ServiceSpec spec = stack.spec(module);
            List<SiteIsolationWalk.Call> calls = SiteIsolationWalk.walk(client(spec.port()), gateway, foreign, "SH01");
            assertThat(calls).as(module).isNotEmpty();
            assertThat(calls).allSatisfy(call -> assertThat(call.isolated("SH01")).as(module + " " + call).isTrue());
        }
        assertThat(auditOfSh01()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aUserOfOneSiteIsRefusedTheOther() {
        gateway.get().uri("/api/reception/sites/BJ01/rotation")
                .headers(h -> h.setBearerAuth(ISSUER.token("SH01-rep1", "SALES", "SH01")))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
    }

    @Test
    @Order(99)
    void aServiceThatIsDownAnswersAProblem503AtTheGateway() {
        stack.stop("finance-service");
        gateway.get().uri("/api/finance/sites/SH01/profile")
                .headers(h -> h.setBearerAuth(ISSUER.token("SH01-fin", "FINANCE", "SH01")))
                .exchange().expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:service-unavailable")
                .jsonPath("$.correlationId").exists();
    }

    private static Map<String, Object> auditOfSh01() {
        @SuppressWarnings("unchecked")
        Map<String, Object> verification = gateway.get().uri("/api/reception/sites/SH01/audit/verification")
                .headers(h -> h.setBearerAuth(manager("SH01"))).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return verification;
    }

    private static String manager(String site) {
        return ISSUER.token("mgr-" + site, "MANAGER", site);
    }

    private static String log(String module) {
        try {
            return Files.readString(stack.log(module));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }
}
