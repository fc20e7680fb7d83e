package io.anchang.testing;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * What every application started in a test gets unless the test says otherwise: an audit
 * key of its own (a service refuses to start without one outside the local and test profiles).
 */
public final class TestDefaults implements EnvironmentPostProcessor {

    public static final String AUDIT_KEY = "anchang-test-audit-key-for-integration-tests-only";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("anchang-test-defaults",
                Map.of("anchang.audit.key", AUDIT_KEY)));
    }
}
