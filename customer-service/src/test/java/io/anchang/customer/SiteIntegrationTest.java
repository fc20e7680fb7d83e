package io.anchang.customer;

import io.anchang.platform.api.attribution.AttributionApi;
import io.anchang.platform.events.Topics;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.SharedKafka;
import io.anchang.testing.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * customer-service over its API with real infrastructure (the MongoDB stand-in, the JVM's Kafka
 * broker, test-issuer tokens), one Spring context for every test class that extends it, and a site
 * of its own for each test: reps A, B, C, D, a supervisor and a manager, the desk as reception asks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class SiteIntegrationTest {

    static final String DATABASE = "customer-attribution-it";
    static final TestIssuer ISSUER = TestIssuer.shared();
    /** Twenty days ago at 10:00 Shanghai time: visits are dated from here; complaints, rulings and follow-ups happen now. */
    static final Instant T0 = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(20)
            .atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
    private static final AtomicInteger SITES = new AtomicInteger();
    static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 9_000_000L);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, DATABASE);
        topicsExist();
    }

    /** The topics this service consumes exist before it subscribes, as in the office (a topic created later is seen only minutes later). */
    static void topicsExist() {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            for (String topic : Topics.ALL) {
                try {
                    admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
                } catch (Exception exists) {
                    // created by another test of this JVM
                }
            }
        }
    }

    @Autowired
    WebTestClient web;

    /** A site of its own for each test: reps A, B, C, D, a supervisor and a manager. */
    final String site = "AT" + String.format("%03d", SITES.incrementAndGet()) + (char) ('A' + (int) (Math.random() * 26));

    String rep(String letter) {
        return site + "-" + letter;
    }

    String sales(String letter) {
        return ISSUER.token(rep(letter), "SALES", site);
    }

    String supervisor() {
        return ISSUER.token(site + "-sup", "SUPERVISOR", site);
    }

    String manager() {
        return ISSUER.token(site + "-mgr", "MANAGER", site);
    }

    static String aPhone() {
        String digits = String.format("%08d", PHONES.incrementAndGet() % 100_000_000L);
        return "137" + digits;
    }

    /** The desk: the up rep, then "A:AVAILABLE", "B:OUT" … */
    Map<String, Object> desk(String up, String... reps) {
        List<Object> list = new ArrayList<>();
        for (String rep : reps) {
            String[] parts = rep.split(":");
            list.add(object("userId", rep(parts[0]), "name", "顾问" + parts[0], "status", parts[1]));
        }
        return object("upRep", up == null ? null : rep(up), "eventMode", false, "reps", list);
    }

    Map<String, Object> attribute(String phone, Instant at, Map<String, Object> desk, Object... said) {
        return attributeAs(UUID.randomUUID().toString(), phone, at, desk, said);
    }

    Map<String, Object> attributeAs(String visitId, String phone, Instant at, Map<String, Object> desk, Object... said) {
        Map<String, Object> statement = new LinkedHashMap<>(object(said));
        statement.replaceAll((k, v) -> v instanceof String s && s.length() == 1 && Character.isUpperCase(s.charAt(0)) ? rep(s) : v);
        if (statement.get("namedReps") instanceof List<?> named) {
            statement.put("namedReps", named.stream().map(n -> rep((String) n)).toList());
        }
        return web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("visitId", visitId, "channel", "VISIT", "phone", phone, "at", at.toString(), "receivedBy", rep("A"),
                        "statement", statement, "desk", desk))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    Map<String, Object> credit(Map<String, Object> answer, Instant at) {
        return web.get().uri("/api/customers/sites/{site}/customers/{id}/credit?at={at}", site, answer.get("customerId"), at.toString())
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    /** The shares as "rep credit bonus" strings, e.g. "A 1.00 80". */
    @SuppressWarnings("unchecked")
    List<String> shares(Map<String, Object> credit) {
        return ((List<Map<String, Object>>) credit.get("shares")).stream()
                .map(s -> ((String) s.get("userId")).replace(site + "-", "") + " " + new java.math.BigDecimal(String.valueOf(s.get("credit")))
                        .setScale(2) + " " + s.get("bonusPercent")).toList();
    }

    /** A customer B owns, first received at T0. */
    Map<String, Object> ownedByB(String phone) {
        Map<String, Object> first = attribute(phone, T0, desk("B", "B:AVAILABLE"));
        assertThat(first.get("ownerRep")).isEqualTo(rep("B"));
        return first;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static final Class<Map<String, Object>> MAP = (Class) Map.class;
}
