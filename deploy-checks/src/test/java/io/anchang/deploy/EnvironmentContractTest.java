package io.anchang.deploy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Every variable a Deployment sets is one its service reads, and every variable a service needs is set")
class EnvironmentContractTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("OVERLAYS")
    @DisplayName("the overlay's Deployments and the services' application.yml agree")
    void deploymentsAndServicesAgree(String overlay) {
        assertThat(violations(Manifests.overlay(overlay))).isEmpty();
    }

    @Test
    @DisplayName("a misspelt variable is caught twice: set but not read, needed but not set")
    void misspeltVariableIsCaught() {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("prod"));
        Map<String, Object> env = Tree.maps(container(objects, "deal-service"), "env").stream()
                .filter(e -> "MONGODB_URI".equals(e.get("name"))).findFirst().orElseThrow();
        env.put("name", "MONGO_URI");

        assertThat(violations(objects))
                .anySatisfy(v -> assertThat(v).contains("Deployment/deal-service sets MONGO_URI, which deal-service does not read"))
                .anySatisfy(v -> assertThat(v).contains("Deployment/deal-service does not set MONGODB_URI"));
    }

    @Test
    @DisplayName("a variable of Spring Boot misspelt is caught; one spelt right is accepted")
    void relaxedBindingIsChecked() {
        assertThat(ServiceEnvironment.reads("deal-service", "SPRING_KAFKA_SECURITY_PROTOCOL")).isTrue();
        assertThat(ServiceEnvironment.reads("deal-service", "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).isTrue();
        assertThat(ServiceEnvironment.reads("deal-service", "SPRING_KAFKA_SECURTY_PROTOCOL")).isFalse();
        assertThat(ServiceEnvironment.reads("deal-service", "KAFKA_BOOTSTRAP_SERVER")).isFalse();
    }

    @Test
    @DisplayName("the gateway without a route's address is caught")
    void missingRouteAddressIsCaught() {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("dev"));
        String gatewayConfig = Tree.string(Tree.maps(container(objects, "gateway"), "envFrom").get(1), "configMapRef", "name");
        Tree.map(Manifests.find(objects, "ConfigMap", gatewayConfig).orElseThrow(), "data").remove("FINANCE_URI");

        assertThat(violations(objects)).anySatisfy(v -> assertThat(v).contains("Deployment/gateway does not set FINANCE_URI"));
    }

    static List<String> violations(List<Map<String, Object>> objects) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> deployment : PodPolicy.services(objects)) {
            String module = ServiceEnvironment.modules().get(Manifests.name(deployment));
            assertThat(module).as("the module of " + Manifests.id(deployment)).isNotNull();
            Set<String> set = Environment.of(Tree.maps(deployment, "spec", "template", "spec", "containers").get(0), objects).keySet();
            out.addAll(ServiceEnvironment.violations(Manifests.id(deployment), module, set));
        }
        return out;
    }

    private static Map<String, Object> container(List<Map<String, Object>> objects, String deployment) {
        return Tree.maps(Manifests.find(objects, "Deployment", deployment).orElseThrow(), "spec", "template", "spec", "containers").get(0);
    }
}
