package io.anchang.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * @param produces   the topics this service publishes (created with unlimited retention)
 * @param partitions partitions of each topic this service creates
 * @param replicas   replication factor of each topic this service creates
 * @param retries    attempts after the first before a record goes to the dead-letter topic
 */
@ConfigurationProperties("anchang.kafka")
public record KafkaTopicsProperties(List<String> produces, int partitions, short replicas, int retries) {

    public KafkaTopicsProperties {
        produces = produces == null ? List.of() : List.copyOf(produces);
        partitions = partitions <= 0 ? 3 : partitions;
        replicas = replicas <= 0 ? 1 : replicas;
        retries = retries < 0 ? 3 : retries;
    }
}
