package io.anchang.deploy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("docker-compose.yml parses, follows the Compose Specification and runs the same services with the same variables")
class ComposeFileTest {

    static final Set<String> INFRASTRUCTURE = Set.of("mongodb", "kafka", "keycloak");

    @Test
    @DisplayName("the file is valid Compose and names the services of k8s/ with the variables they read")
    void composeMatchesTheServices() {
        Map<String, Object> compose = compose(Repository.read("docker-compose.yml"));

        assertThat(Schemas.composeErrors(compose)).isEmpty();
        assertThat(violations(compose)).isEmpty();
    }

    @Test
    @DisplayName("docker-compose config accepts the file")
    void dockerComposeAcceptsIt() throws Exception {
        Tools.require("docker-compose");
        Process process = new ProcessBuilder("docker-compose", "-f", Repository.path("docker-compose.yml").toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    @DisplayName("a compose file with a misspelt variable, a service missing and an unpinned image is caught")
    void brokenComposeIsCaught() {
        Map<String, Object> compose = compose(Repository.read("docker-compose.yml"));
        Map<String, Object> services = Tree.map(compose, "services");
        services.remove("finance-service");
        Map<String, Object> env = Tree.map(services, "deal-service", "environment");
        env.put("KAFKA_BOOTSTRAP_SERVER", env.remove("KAFKA_BOOTSTRAP_SERVERS"));
        Tree.map(services, "kafka").put("image", "apache/kafka");

        assertThat(violations(compose))
                .anySatisfy(v -> assertThat(v).contains("finance-service"))
                .anySatisfy(v -> assertThat(v).contains("compose service deal-service sets KAFKA_BOOTSTRAP_SERVER, which deal-service does not read"))
                .anySatisfy(v -> assertThat(v).contains("compose service deal-service does not set KAFKA_BOOTSTRAP_SERVERS"))
                .anySatisfy(v -> assertThat(v).contains("kafka runs image apache/kafka, not pinned"));
    }

    @Test
    @DisplayName("a compose file the specification does not allow is refused")
    void invalidComposeIsRefused() {
        Map<String, Object> compose = compose(Repository.read("docker-compose.yml"));
        Tree.map(compose, "services", "gateway").put("dependson", List.of("reception-service"));

        assertThat(Schemas.composeErrors(compose)).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose(String text) {
        return Manifests.copy(List.of((Map<String, Object>) Manifests.yaml().load(text))).get(0);
    }

    static List<String> violations(Map<String, Object> compose) {
        List<String> out = new ArrayList<>();
        Map<String, Object> services = Tree.map(compose, "services");
        Set<String> expected = new java.util.TreeSet<>(ServiceEnvironment.modules().keySet());
        expected.addAll(INFRASTRUCTURE);
        if (!services.keySet().equals(expected)) {
            out.add("compose services " + new java.util.TreeSet<>(services.keySet()) + " are not " + expected);
        }
        services.forEach((name, definition) -> {
            String image = Tree.string(definition, "image");
            if (!PodPolicy.pinned(image)) {
                out.add(name + " runs image " + image + ", not pinned to a version");
            }
            if (Tree.at(definition, "healthcheck") == null) {
                out.add(name + " has no health check");
            }
            String module = ServiceEnvironment.modules().get(name);
            if (module != null) {
                out.addAll(ServiceEnvironment.violations("compose service " + name, module, Tree.map(definition, "environment").keySet()));
                if (!Boolean.TRUE.equals(Tree.at(definition, "read_only")) || String.valueOf(Tree.at(definition, "user")).startsWith("0")) {
                    out.add(name + " runs as root or on a writable file system");
                }
                if (!"9090".equals(Tree.string(definition, "environment", "MANAGEMENT_PORT"))) {
                    out.add(name + " does not put the actuator on the management port");
                }
                Tree.map(definition, "depends_on").forEach((dependency, condition) -> {
                    if (!services.containsKey(dependency)) {
                        out.add(name + " waits for " + dependency + ", which is not a service");
                    }
                });
            }
        });
        return out;
    }
}
