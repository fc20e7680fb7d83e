package io.anchang.gateway;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, "a 503 means nothing happened": the gateway waits for each service longer than
 * the service can take to answer — its wait for a place plus its own deadline — so that a
 * write the service started is answered by the service, never cut off by the gateway. Read
 * from the configuration the office runs with: the platform's defaults, each service's
 * application.yml, the gateway's.
 */
class GatewayTimeLimitsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Map<String, String> ROUTES = Map.of("reception", "reception-service", "customer", "customer-service",
            "deal", "deal-service", "finance", "finance-service", "reporting", "reporting-service");

    @Test
    @DisplayName("issue 10: on every route the gateway's time limit is longer than the service's max-queue-wait plus deadline")
    void theGatewayOutwaitsEveryService() throws IOException {
        Map<String, Object> gateway = yaml(ROOT.resolve("gateway/src/main/resources/application.yml"));
        Duration timeLimit = duration(String.valueOf(path(gateway, "anchang", "gateway", "time-limit")));
        List<Map<String, Object>> routes = list(path(gateway, "spring", "cloud", "gateway", "server", "webflux", "routes"));
        Properties defaults = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("platform/src/main/resources/anchang-platform-defaults.properties"))) {
            defaults.load(in);
        }

        int guarded = 0;
        for (Map<String, Object> route : routes) {
            String id = String.valueOf(route.get("id"));
            List<Object> filters = route.get("filters") == null ? List.of() : list(route.get("filters"));
            if (id.endsWith("-stream")) {
                assertThat(filters).as("a stream has no time limit").containsExactly("UpstreamGuard=deal,0s");
                continue;
            }
            assertThat(filters).as(id).contains("UpstreamGuard=" + id + ",${anchang.gateway.time-limit}");
            Map<String, Object> service = yaml(ROOT.resolve(ROUTES.get(id) + "/src/main/resources/application.yml"));
            Duration wait = setting(service, defaults, "max-queue-wait");
            Duration deadline = setting(service, defaults, "deadline");
            assertThat(deadline).as(id + " has a deadline").isPositive();
            assertThat(timeLimit).as(id + ": gateway %s vs wait %s + deadline %s", timeLimit, wait, deadline)
                    .isGreaterThan(wait.plus(deadline).plusSeconds(1));
            guarded++;
        }
        assertThat(guarded).isEqualTo(ROUTES.size());
    }

    private static Duration setting(Map<String, Object> service, Properties defaults, String key) {
        Object own = path(service, "anchang", "web", key);
        return duration(own != null ? String.valueOf(own) : defaults.getProperty("anchang.web." + key));
    }

    private static Duration duration(String text) {
        return DurationStyle.detectAndParse(text);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object node) {
        return (List<T>) node;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }
}
