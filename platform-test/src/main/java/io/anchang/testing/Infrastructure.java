package io.anchang.testing;

import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at real infrastructure: the MongoDB stand-in over the
 * wire (a database per service), the JVM's Kafka broker, and the test token issuer.
 * With {@code -Danchang.test.infrastructure=containers} and a Docker engine, real MongoDB
 * and Kafka containers instead (without Docker those tests are skipped, not failed).
 */
public final class Infrastructure {

    private Infrastructure() {
    }

    public static final String MODE = "anchang.test.infrastructure";

    public static void register(DynamicPropertyRegistry registry, String database) {
        if ("containers".equals(System.getProperty(MODE))) {
            Assumptions.assumeTrue(Containers.dockerAvailable(), "no Docker engine here: container runs are skipped");
            registry.add("spring.mongodb.uri", () -> Containers.mongoUri(database));
            registry.add("spring.kafka.bootstrap-servers", Containers::kafkaBootstrapServers);
        } else {
            registry.add("spring.mongodb.uri", () -> SharedMongo.uri(database));
            registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        }
        TestIssuer.shared().properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("anchang.outbox.sweep-interval", () -> "500ms");
        // test contexts cached side by side must not share a consumer group and split the partitions
        registry.add("anchang.kafka.consumer-group", () -> database);
        // on 2 loaded cores the first request also fetches the issuer's keys
        registry.add("spring.test.webtestclient.timeout", () -> "30s");
    }
}
