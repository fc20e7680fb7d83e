package io.anchang.platform.messaging;

import io.anchang.platform.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka as every service uses it: an idempotent {@code acks=all} producer; consumers that
 * start from the beginning of a topic (a new read model replays everything) and never
 * create topics; passing failures retried until they pass, poison on the dead-letter
 * topic, counted and replayable ({@link DeadLetters}); the topics created with unlimited
 * retention.
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

    @Bean(destroyMethod = "close")
    PartitionPausingBackOff partitionPausingBackOff() {
        return new PartitionPausingBackOff();
    }

    /**
     * Poison (a record that is no event, or one a handler refuses as invalid) goes to the
     * dead-letter topic at once; anything else is retried with growing back-off, by
     * default without end, its partition paused between attempts.
     */
    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> template, KafkaTopicsProperties properties,
                                                 PartitionPausingBackOff backOffHandler, ObjectProvider<DeadLetters> deadLetters,
                                                 MeterRegistry meters) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, error) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        Counter recorded = Counter.builder("anchang.dead.letters.recorded")
                .description("records this service's consumers put on a dead-letter topic").register(meters);
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, error) -> {
            publisher.accept(record, consumer, error);
            recorded.increment();
            deadLetters.ifAvailable(DeadLetters::recorded);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(properties.retry()), backOffHandler);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    static BackOff backOff(KafkaTopicsProperties.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        if (!retry.unbounded()) {
            backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
        }
        return backOff;
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
    DeadLetters deadLetters(ConsumerFactory<?, ?> consumers, ReactiveMongoTemplate template, EventDispatcher dispatcher,
                            JsonMapper mapper, Clock clock,
                            @Value("${anchang.kafka.consumer-group:${spring.application.name}}") String group,
                            @Value("${anchang.kafka.dead-letters.count-every:30s}") Duration countEvery) {
        return new DeadLetters(consumers.getConfigurationProperties(), template, dispatcher, mapper, clock, group, countEvery);
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    /** The dead-letter count in the service's health; never DOWN for it — readiness and liveness do not include it. */
    @Bean
    HealthIndicator deadLettersHealthIndicator(DeadLetters deadLetters) {
        return () -> Health.up()
                .withDetail("pending", deadLetters.pending())
                .withDetail("consumerGroup", deadLetters.consumerGroup())
                .withDetail("countedAt", String.valueOf(deadLetters.countedAt()))
                .build();
    }

    @Bean
    Gauge deadLettersPending(DeadLetters deadLetters, MeterRegistry meters) {
        return Gauge.builder("anchang.dead.letters.pending", deadLetters, DeadLetters::pending)
                .description("dead letters of this service not replayed yet").register(meters);
    }

    @Bean
    KafkaConsumers kafkaConsumers(ConcurrentKafkaListenerContainerFactory<?, ?> factory, EventDispatcher dispatcher,
                                  CommonErrorHandler errorHandler, @Value("${anchang.kafka.consumer-group:${spring.application.name}}") String group) {
        return new KafkaConsumers(factory, dispatcher, errorHandler, group);
    }
}
