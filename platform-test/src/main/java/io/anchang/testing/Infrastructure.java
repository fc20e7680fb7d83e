package io.anchang.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service under test at real infrastructure: the MongoDB stand-in over the
 * wire (a database per service), the JVM's Kafka broker, and the test token issuer.
 */
public final class Infrastructure {

    private Infrastructure() {
    }

    public static void register(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.mongodb.uri", () -> SharedMongo.uri(database));
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        TestIssuer.shared().properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("anchang.outbox.sweep-interval", () -> "500ms");
        // test contexts cached side by side must not share a consumer group and split the partitions
        registry.add("anchang.kafka.consumer-group", () -> database);
        // on 2 loaded cores the first request also fetches the issuer's keys
        registry.add("spring.test.webtestclient.timeout", () -> "30s");
    }
}
