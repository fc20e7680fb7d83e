package io.anchang.testing;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * What every application started in a test gets unless the test says otherwise: an audit
 * key of its own (a service refuses to start without one outside the local and test
 * profiles), and a request deadline of a minute instead of the platform's 10 s — on a loaded
 * two-core machine a burst in a test may take longer than that, and tests do not assert
 * timings; the deadline itself is tested where it is made (the platform's WebEdgeIntegrationTest).
 * These rank above the platform's defaults and below anything a service or a test sets.
 */
public final class TestDefaults implements EnvironmentPostProcessor {

    private static final String PLATFORM_DEFAULTS = "anchang-platform-defaults";

    public static final String AUDIT_KEY = "anchang-test-audit-key-for-integration-tests-only";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MapPropertySource defaults = new MapPropertySource("anchang-test-defaults",
                Map.of("anchang.audit.key", AUDIT_KEY, "anchang.web.deadline", "60s"));
        if (environment.getPropertySources().contains(PLATFORM_DEFAULTS)) {
            environment.getPropertySources().addBefore(PLATFORM_DEFAULTS, defaults);
        } else {
            environment.getPropertySources().addLast(defaults); // the platform's come after, and rank below
        }
    }
}
