package io.anchang.platform.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates this service's topics (its own, with unlimited retention for replay, and the
 * dead-letter topics of what it consumes) once the broker answers. Nothing is published
 * before: a topic auto-created by a first send would not keep its events forever.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaAdmin admin;
    private volatile boolean ready;

    public TopicProvisioner(KafkaAdmin admin) {
        this.admin = admin;
    }

    /** True once the topics exist; otherwise tries to create them now. */
    public boolean ensure() {
        if (!ready) {
            try {
                ready = admin.initialize();
            } catch (RuntimeException e) {
                log.warn("Kafka is not reachable yet to create topics: {}", e.toString());
            }
            if (ready) {
                log.info("Kafka topics are in place");
            }
        }
        return ready;
    }
}
