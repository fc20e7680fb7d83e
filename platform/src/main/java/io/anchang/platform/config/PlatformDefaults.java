package io.anchang.platform.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Adds the platform's defaults ({@code anchang-platform-defaults.properties}) behind
 * everything a service or its environment sets: strict JSON, structured logs with the
 * correlation id, probes and metrics, an idempotent {@code acks=all} producer; for a
 * service with the store and Kafka, the health group of its dead letters. The API
 * document goes where the probes and metrics are: on the management port when the service
 * has one of its own (every service does, issue 9); an application run without one serves it
 * on its port to signed-in users only.
 */
public final class PlatformDefaults implements EnvironmentPostProcessor {

    private static boolean separateManagementPort(ConfigurableEnvironment environment) {
        if (!environment.containsProperty("management.server.port")) {
            return false;
        }
        String management = environment.getProperty("management.server.port");
        return management != null && !management.isBlank() && !management.equals(environment.getProperty("server.port", "8080"));
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            List<PropertySource<?>> sources = new PropertiesPropertySourceLoader()
                    .load("anchang-platform-defaults", new ClassPathResource("anchang-platform-defaults.properties"));
            sources.forEach(environment.getPropertySources()::addLast);
            if (ClassUtils.isPresent("org.springframework.data.mongodb.core.ReactiveMongoTemplate", null)
                    && ClassUtils.isPresent("org.springframework.kafka.core.KafkaTemplate", null)) {
                // a service with the store and Kafka (PlatformMongoConfiguration) counts its dead letters and
                // parked outbox events for anyone who may read the probes — never part of readiness or
                // liveness: a dead letter is no reason to restart or to stop traffic
                environment.getPropertySources().addLast(new MapPropertySource("anchang-platform-messaging-defaults", Map.of(
                        "management.endpoint.health.group.dead-letters.include", "deadLetters,outbox",
                        "management.endpoint.health.group.dead-letters.show-details", "always")));
            }
            environment.getPropertySources().addLast(new MapPropertySource("anchang-api-documents",
                    Map.of("springdoc.use-management-port", separateManagementPort(environment))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
