package io.anchang.platform.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * @param collections   the collections whose documents carry an outbox, swept after a restart
 * @param sweepInterval how often the relay looks for entries it was not woken for
 * @param sendTimeout   how long the relay waits for the broker before trying again later
 * @param batchSize     documents relayed at a time
 */
@ConfigurationProperties("anchang.outbox")
public record OutboxProperties(List<String> collections, Duration sweepInterval, Duration sendTimeout, int batchSize) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(5) : sweepInterval;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
        batchSize = batchSize <= 0 ? 200 : batchSize;
    }
}
