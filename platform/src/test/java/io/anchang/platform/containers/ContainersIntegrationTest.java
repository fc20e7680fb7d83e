package io.anchang.platform.containers;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.testapp.TestApp;
import io.anchang.platform.testapp.TestApp.Counted;
import io.anchang.platform.testapp.TestApp.Counter;
import io.anchang.testing.Containers;
import io.anchang.testing.TestIssuer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox and an idempotent consumer against real MongoDB and Kafka containers — run
 * wherever a Docker engine is available, skipped where it is not.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = TestApp.class)
class ContainersIntegrationTest {

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> Containers.mongoUri("platform-containers-it"));
        registry.add("spring.kafka.bootstrap-servers", Containers::kafkaBootstrapServers);
        TestIssuer.shared().properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("anchang.outbox.sweep-interval", () -> "500ms");
        registry.add("anchang.kafka.consumer-group", () -> "platform-containers-it");
    }

    @Autowired
    ScopedMongo mongo;

    @Autowired
    ReactiveMongoTemplate template;

    @Test
    void eventsOfAnAggregateArePublishedAndAppliedOnceInOrder() {
        Caller manager = new Caller("mgr-1", "王经理", Set.of(Role.MANAGER), SiteScope.of("SH01"));
        String id = "c-" + UUID.randomUUID();
        mongo.insert(manager, new Counter(id, "SH01", 1), "counters", List.of(PendingEvent.of("SH01", id, new Counted(id, 1)))).block();
        for (int seq = 2; seq <= 3; seq++) {
            assertThat(mongo.replace(manager, new Counter(id, "SH01", seq), seq - 1, "counters",
                    List.of(PendingEvent.of("SH01", id, new Counted(id, seq)))).block()).isTrue();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Document tally = template.findById(id, Document.class, "tallies").block();
            assertThat(tally).isNotNull();
            assertThat(tally.getList("seen", Integer.class)).containsExactly(1, 2, 3);
        });
    }
}
