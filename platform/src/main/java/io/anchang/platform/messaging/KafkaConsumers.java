package io.anchang.platform.messaging;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The service's one listener container: the topics its handlers want, the service's
 * name as consumer group, records handed to the {@link EventDispatcher}.
 */
public final class KafkaConsumers implements SmartLifecycle {

    private final ConcurrentMessageListenerContainer<String, String> container;

    @SuppressWarnings("unchecked")
    public KafkaConsumers(ConcurrentKafkaListenerContainerFactory<?, ?> factory, EventDispatcher dispatcher,
                          CommonErrorHandler errorHandler, String groupId) {
        if (dispatcher.topics().isEmpty()) {
            this.container = null;
            return;
        }
        this.container = (ConcurrentMessageListenerContainer<String, String>) factory.createContainer(dispatcher.topics().toArray(String[]::new));
        this.container.getContainerProperties().setGroupId(groupId);
        this.container.getContainerProperties().setMessageListener(dispatcher);
        this.container.setCommonErrorHandler(errorHandler);
        this.container.setBeanName(groupId + "-events");
        this.container.setAutoStartup(false);
    }

    @Override
    public void start() {
        if (container != null) {
            container.start();
        }
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return container != null && container.isRunning();
    }
}
