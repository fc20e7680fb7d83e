package io.anchang.deal.adapter.kafka;

import io.anchang.deal.application.UnitChanges;
import io.anchang.deal.application.Units;
import io.anchang.platform.events.Topics;
import io.anchang.platform.security.SiteScope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

/**
 * The live board across replicas (R-DEAL-2): each deal-service instance reads {@code anchang.deal.v1} in a
 * consumer group of its own (every instance sees every event, from the moment it starts), and for each event
 * about a unit shows the unit as it stands now — so a rep watching the board of one instance sees the holds
 * and sales that another instance wrote. Nothing is applied to the store here.
 */
public final class UnitChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UnitChangeFeed.class);

    private final KafkaMessageListenerContainer<String, String> container;

    public UnitChangeFeed(ConsumerFactory<String, String> consumers, Units units, UnitChanges changes, JsonMapper json, String service) {
        ContainerProperties properties = new ContainerProperties(Topics.DEAL);
        properties.setGroupId(service + "-board-" + UUID.randomUUID());
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.setKafkaConsumerProperties(overrides);
        properties.setMessageListener((MessageListener<String, String>) record -> {
            try {
                JsonNode envelope = json.readTree(record.value());
                String site = envelope.path("siteId").asString("");
                String unitId = envelope.path("aggregateId").asString("");
                if (!envelope.path("type").asString("").startsWith("deal.") || site.isEmpty() || !unitId.startsWith(site + "-")) {
                    return;
                }
                units.find(SiteScope.system(), site, unitId).doOnNext(changes::written).block(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                // the board is a view: a record it cannot show is skipped, the next change shows the unit again
                log.debug("the live board skipped a record of {}: {}", Topics.DEAL, e.toString());
            }
        });
        this.container = new KafkaMessageListenerContainer<>(consumers, properties);
        this.container.setBeanName(service + "-board");
        this.container.setAutoStartup(false);
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }
}
