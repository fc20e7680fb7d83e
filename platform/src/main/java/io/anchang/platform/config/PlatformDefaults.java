package io.anchang.platform.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Adds the platform's defaults ({@code anchang-platform-defaults.properties}) behind
 * everything a service or its environment sets: strict JSON, structured logs with the
 * correlation id, probes and metrics, an idempotent {@code acks=all} producer.
 */
public final class PlatformDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            List<PropertySource<?>> sources = new PropertiesPropertySourceLoader()
                    .load("anchang-platform-defaults", new ClassPathResource("anchang-platform-defaults.properties"));
            sources.forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
