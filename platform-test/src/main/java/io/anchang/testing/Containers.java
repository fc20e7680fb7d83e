package io.anchang.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Real MongoDB (a replica set, as in production) and real Kafka in containers, where a
 * Docker engine runs. One of each per test JVM, stopped when it exits.
 */
public final class Containers {

    public static final String MONGO_IMAGE = "mongo:8.0";
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private static MongoDBContainer mongo;
    private static KafkaContainer kafka;

    private Containers() {
    }

    /** Whether a Docker engine answers here. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static synchronized String mongoUri(String database) {
        if (mongo == null) {
            mongo = new MongoDBContainer(MONGO_IMAGE);
            mongo.start();
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::stop, "mongo-container-stop"));
        }
        return mongo.getReplicaSetUrl(database);
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = new KafkaContainer(KAFKA_IMAGE);
            kafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-container-stop"));
        }
        return kafka.getBootstrapServers();
    }
}
