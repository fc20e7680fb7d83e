package io.anchang.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * @param produces   the topics this service publishes (created with unlimited retention)
 * @param partitions partitions of each topic this service creates
 * @param replicas   replication factor of each topic this service creates
 * @param retry      how a consumer retries an event that failed for a passing reason
 */
@ConfigurationProperties("anchang.kafka")
public record KafkaTopicsProperties(List<String> produces, int partitions, short replicas, Retry retry) {

    public KafkaTopicsProperties {
        produces = produces == null ? List.of() : List.copyOf(produces);
        partitions = partitions <= 0 ? 3 : partitions;
        replicas = replicas <= 0 ? 1 : replicas;
        retry = retry == null ? new Retry(null, 0, null, null) : retry;
    }

    /**
     * Growing back-off between attempts at an event that failed for a passing reason (the
     * store or the broker away): from {@code initialInterval}, times {@code multiplier},
     * at most {@code maxInterval} apart, for as long as {@code maxElapsed} — by default
     * without end, since an event given up on would be an event lost. Only poison records
     * go to the dead-letter topic, at once.
     */
    public record Retry(Duration initialInterval, double multiplier, Duration maxInterval, Duration maxElapsed) {

        public Retry {
            initialInterval = initialInterval == null ? Duration.ofMillis(500) : initialInterval;
            multiplier = multiplier < 1 ? 2 : multiplier;
            maxInterval = maxInterval == null ? Duration.ofSeconds(30) : maxInterval;
        }

        public boolean unbounded() {
            return maxElapsed == null;
        }
    }
}
