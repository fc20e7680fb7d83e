package io.anchang.platform.messaging;

import io.anchang.platform.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka as every service uses it: an idempotent {@code acks=all} producer; consumers that
 * start from the beginning of a topic (a new read model replays everything) and never
 * create topics; bounded retries, then the dead-letter topic; the topics created with
 * unlimited retention.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaTopicsProperties.class)
public class KafkaConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer idempotentProducer() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.LINGER_MS_CONFIG, 2));
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer replayingConsumer() {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> template, KafkaTopicsProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, error) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500L, properties.retries()));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    @Bean
    KafkaAdmin.NewTopics anchangTopics(KafkaTopicsProperties properties, List<EventHandler> handlers) {
        Set<String> dlts = new LinkedHashSet<>();
        handlers.forEach(h -> dlts.add(Topics.deadLetter(h.topic())));
        List<NewTopic> topics = new java.util.ArrayList<>();
        properties.produces().forEach(t -> topics.add(forever(t, properties)));
        dlts.forEach(t -> topics.add(forever(t, properties)));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic forever(String name, KafkaTopicsProperties properties) {
        return TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    @Bean
    EventDispatcher eventDispatcher(List<EventHandler> handlers, ConsumedEvents consumed, JsonMapper mapper) {
        return new EventDispatcher(handlers, consumed, mapper);
    }

    @Bean
    KafkaConsumers kafkaConsumers(ConcurrentKafkaListenerContainerFactory<?, ?> factory, EventDispatcher dispatcher,
                                  CommonErrorHandler errorHandler, @Value("${anchang.kafka.consumer-group:${spring.application.name}}") String group) {
        return new KafkaConsumers(factory, dispatcher, errorHandler, group);
    }
}
