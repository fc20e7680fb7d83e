package io.anchang.testing;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft, in this JVM) for every integration test of the JVM,
 * started on first use and stopped when the JVM exits.
 */
public final class SharedKafka {

    private static EmbeddedKafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = start(0);
            EmbeddedKafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "kafka-stop"));
        }
        return broker.getBrokersAsString();
    }

    private static EmbeddedKafkaBroker start(int port) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerProperty("auto.create.topics.enable", "true");
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.afterPropertiesSet();
        return kafka;
    }
}
