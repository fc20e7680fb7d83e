package io.anchang.deploy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Every service and port the gateway routes to exists; Kafka and Keycloak are where the services look")
class WiringTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("OVERLAYS")
    @DisplayName("every address leads to a Service and its pods")
    void everyAddressLeadsSomewhere(String overlay) {
        List<Map<String, Object>> objects = Manifests.overlay(overlay);

        assertThat(Environment.of(Tree.maps(Manifests.find(objects, "Deployment", "gateway").orElseThrow(),
                "spec", "template", "spec", "containers").get(0), objects))
                .containsKeys("RECEPTION_URI", "CUSTOMER_URI", "DEAL_URI", "FINANCE_URI", "REPORTING_URI");
        assertThat(Wiring.violations(objects)).isEmpty();
    }

    @Test
    @DisplayName("a route to a Service that does not exist is caught")
    void routeToNothingIsCaught() {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("prod"));
        Manifests.ofKind(objects, "ConfigMap").stream().filter(c -> Tree.map(c, "data").containsKey("DEAL_URI"))
                .forEach(c -> Tree.map(c, "data").put("DEAL_URI", "http://deals-service:8080"));

        assertThat(Wiring.violations(objects)).anySatisfy(v -> assertThat(v).contains("DEAL_URI = http://deals-service:8080: no Service deals-service"));
    }

    @Test
    @DisplayName("a Service whose port leads to no container port is caught")
    void serviceToWrongPortIsCaught() {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("prod"));
        Tree.maps(Manifests.find(objects, "Service", "reporting-service").orElseThrow(), "spec", "ports").get(0).put("targetPort", "web");

        assertThat(Wiring.violations(objects)).anySatisfy(v -> assertThat(v).contains("Service reporting-service selects no pod with port web"));
    }

    @Test
    @DisplayName("clients told to speak plain Kafka to a TLS listener are caught")
    void kafkaProtocolMismatchIsCaught() {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("prod"));
        Manifests.ofKind(objects, "ConfigMap").stream().filter(c -> Tree.map(c, "data").containsKey("SPRING_KAFKA_SECURITY_PROTOCOL"))
                .forEach(c -> Tree.map(c, "data").put("SPRING_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"));

        assertThat(Wiring.violations(objects)).anySatisfy(v -> assertThat(v).contains("no listener of a Kafka resource there that speaks PLAINTEXT"));
    }

    @Test
    @DisplayName("an issuer that is not Keycloak's hostname is caught (every token would be refused)")
    void wrongIssuerIsCaught() {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("dev"));
        Map<String, Object> keycloak = Manifests.ofKind(objects, "Keycloak").get(0);
        Tree.map(keycloak, "spec", "hostname").put("hostname", "https://auth.anchang.example.com");

        assertThat(Wiring.violations(objects)).anySatisfy(v -> assertThat(v).contains("not the issuer Keycloak's hostname gives its tokens"));
    }
}
