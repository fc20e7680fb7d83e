package io.anchang.customer;

import io.anchang.platform.api.attribution.AttributionApi;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The archive's life (issue 14) over customer-service's API with real infrastructure — the MongoDB stand-in, the JVM's
 * Kafka broker, test-issuer tokens — and a clock the tests set to a day. Every test has a site of its own, known to
 * customer-service from reception's event with its staff: reps A, B, C, a SUPERVISOR, the MANAGER, an ASSISTANT, FINANCE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(ArchiveClock.Config.class)
abstract class ArchiveIntegrationTest {

    static final String DATABASE = "customer-archive-it";
    static final TestIssuer ISSUER = TestIssuer.shared();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger SITES = new AtomicInteger();
    private static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 9_000_000L);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, DATABASE);
        SiteIntegrationTest.topicsExist();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ArchiveClock clock;

    final String site = "AR" + String.format("%03d", SITES.incrementAndGet()) + (char) ('A' + (int) (Math.random() * 26));

    @BeforeEach
    void siteKnown() {
        clock.reset();
        Map<String, Object> profile = object("code", site, "name", "案场 " + site, "timeZone", "Asia/Shanghai", "revision", 1,
                "staff", list(member("A", "张伟", "SALES"), member("B", "李娜", "SALES"), member("C", "刘洋", "SALES"),
                        member("sup", "陈主管", "SUPERVISOR"), member("mgr", "王经理", "MANAGER"), member("asst", "周助理", "ASSISTANT"),
                        member("fin", "赵会计", "FINANCE")), "policies", list());
        TestEvents.publish("anchang.reception.v1", "reception.site-profile-changed", 1, site, site,
                object("site", profile, "change", "REGISTERED"), "it-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/customers/sites/{site}/profile", site)
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk());
    }

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    private Map<String, Object> member(String letter, String name, String role) {
        return object("userId", rep(letter), "name", name, "role", role, "active", true);
    }

    String rep(String letter) {
        return site + "-" + letter;
    }

    String sales(String letter) {
        return ISSUER.token(rep(letter), "SALES", site);
    }

    String supervisor() {
        return ISSUER.token(rep("sup"), "SUPERVISOR", site);
    }

    String manager() {
        return ISSUER.token(rep("mgr"), "MANAGER", site);
    }

    String assistant() {
        return ISSUER.token(rep("asst"), "ASSISTANT", site);
    }

    String finance() {
        return ISSUER.token(rep("fin"), "FINANCE", site);
    }

    String base() {
        return "/api/customers/sites/" + site;
    }

    static String aPhone() {
        String digits = String.format("%08d", PHONES.incrementAndGet() % 100_000_000L);
        return "136" + digits;
    }

    /** A new customer received by rep {@code letter} as the desk would register them (flow 1); answers id and archive number. */
    Map<String, Object> customerOf(String letter, String name) {
        return customerOf(letter, name, aPhone());
    }

    /** As {@link #customerOf(String, String)}, with the phone given (digits, as a clerk types them). */
    Map<String, Object> customerOf(String letter, String name, String phone) {
        Map<String, Object> desk = object("upRep", rep(letter), "eventMode", false,
                "reps", list(object("userId", rep(letter), "name", "顾问" + letter, "status", "AVAILABLE")));
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("visitId", UUID.randomUUID().toString(), "channel", "VISIT", "phone", phone, "customerName", name,
                        "at", Instant.now().minusSeconds(3600).toString(), "receivedBy", rep(letter), "statement", object(), "desk", desk))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(answer.get("ownerRep")).isEqualTo(rep(letter));
        return answer;
    }

    /** From now on the clock shows {@code day} at {@code time}, Shanghai time. */
    void at(LocalDate day, LocalTime time) {
        clock.setTo(day.atTime(time).atZone(SHANGHAI).toInstant());
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), SHANGHAI);
    }

    JsonNode json(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The site's audit trail as its MANAGER reads it, newest first, once it holds an entry of {@code action}. */
    JsonNode auditWith(String action) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found[0] = json(web.get().uri(base() + "/audit?limit=1000").headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk());
            assertThat(found[0].findValuesAsString("action")).contains(action);
        });
        return found[0];
    }

    static void problem(WebTestClient.ResponseSpec response, int status, String type, String detailMentions) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:" + type)
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).contains(detailMentions));
    }

    static List<String> texts(JsonNode node, String field) {
        return node.findValuesAsString(field);
    }
}
