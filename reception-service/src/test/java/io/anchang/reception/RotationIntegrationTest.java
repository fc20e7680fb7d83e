package io.anchang.reception;

import io.anchang.platform.events.Topics;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.reception.ReceptionFixture.aSiteWithStaff;
import static io.anchang.reception.ReceptionFixture.manager;
import static io.anchang.reception.ReceptionFixture.sales;
import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RotationIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-rotation-it");
    }

    @Autowired
    WebTestClient web;

    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void sites() {
        aSiteWithStaff(web, "SH01");
        aSiteWithStaff(web, "BJ01");
    }

    @Test
    @DisplayName("R-REC-1 a MANAGER sets the day's rotation: the first rep is up, the second on deck")
    void managerSetsTheRotation() {
        web.put().uri("/api/reception/sites/SH01/rotations/{day}", today)
                .headers(h -> h.setBearerAuth(manager("SH01")))
                .bodyValue(object("reps", list("SH01-rep2", "SH01-rep1", "SH01-rep3")))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.up.userId").isEqualTo("SH01-rep2")
                .jsonPath("$.onDeck.userId").isEqualTo("SH01-rep1")
                .jsonPath("$.order.length()").isEqualTo(3);

        web.get().uri("/api/reception/sites/SH01/rotation")
                .headers(h -> h.setBearerAuth(sales("SH01", "SH01-rep3")))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.up.name").isEqualTo("李四")
                .jsonPath("$.order[2].userId").isEqualTo("SH01-rep3");
    }

    @Test
    @DisplayName("R-REC-1 only the site's MANAGER sets the rotation; a rep is refused and nothing changes")
    void aRepCannotSetTheRotation() {
        web.put().uri("/api/reception/sites/SH01/rotations/{day}", today.plusDays(3))
                .headers(h -> h.setBearerAuth(sales("SH01", "SH01-rep1")))
                .bodyValue(object("reps", list("SH01-rep1")))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json");

        web.get().uri("/api/reception/sites/SH01/rotations/{day}", today.plusDays(3))
                .headers(h -> h.setBearerAuth(manager("SH01")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.order.length()").isEqualTo(0);
    }

    @Test
    @DisplayName("R-SEC-1 a user of another site reads no rotation (403) and sets none")
    void anotherSitesUserIsRefused() {
        web.get().uri("/api/reception/sites/SH01/rotation")
                .headers(h -> h.setBearerAuth(sales("BJ01", "BJ01-rep1")))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");

        web.put().uri("/api/reception/sites/SH01/rotations/{day}", today.plusDays(4))
                .headers(h -> h.setBearerAuth(manager("BJ01")))
                .bodyValue(object("reps", list("SH01-rep1")))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("R-REC-1 a rotation change is published with the request's correlation id")
    void theChangeIsPublishedWithTheCorrelationId() {
        String correlation = "test-" + UUID.randomUUID();
        web.put().uri("/api/reception/sites/SH01/rotations/{day}", today.plusDays(1))
                .headers(h -> {
                    h.setBearerAuth(manager("SH01"));
                    h.set("X-Correlation-Id", correlation);
                })
                .bodyValue(object("reps", list("SH01-rep1", "SH01-rep3")))
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", correlation);

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RECEPTION));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.headers().lastHeader("correlationId") != null
                        && correlation.equals(new String(r.headers().lastHeader("correlationId").value(), StandardCharsets.UTF_8)));
            });
            ConsumerRecord<String, String> record = seen.stream()
                    .filter(r -> r.headers().lastHeader("correlationId") != null
                            && correlation.equals(new String(r.headers().lastHeader("correlationId").value(), StandardCharsets.UTF_8)))
                    .findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo("SH01:" + today.plusDays(1));
            assertThat(record.value()).contains("\"type\":\"reception.rotation-set\"").contains("SH01-rep3");
        }
    }
}
