package io.anchang.deploy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("NetworkPolicies: only the gateway is reachable from outside; each service reaches only Kafka, MongoDB and Keycloak")
class NetworkPolicyTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("OVERLAYS")
    @DisplayName("who reaches whom is exactly what the design says")
    void reachability(String overlay) {
        assertThat(Reachability.violations(new Network(Manifests.overlay(overlay)))).isEmpty();
    }

    @Test
    @DisplayName("a policy that opens the services to every namespace is caught")
    void openedServiceIsCaught() {
        List<Map<String, Object>> objects = new ArrayList<>(Manifests.copy(Manifests.overlay("prod")));
        objects.addAll(Manifests.fixture("broken/networkpolicy-open-backends.yaml"));

        assertThat(Reachability.violations(new Network(objects)))
                .anySatisfy(v -> assertThat(v).contains("stranger → deal-service:8080 must be refused"))
                .anySatisfy(v -> assertThat(v).contains("ingress-controller → finance-service:8080 must be refused"));
    }

    @Test
    @DisplayName("a store its services cannot reach is caught")
    void unreachableStoreIsCaught() {
        List<Map<String, Object>> objects = Manifests.overlayWith("prod",
                o -> "NetworkPolicy".equals(Manifests.kind(o)) && "mongodb-ingress".equals(Manifests.name(o)), List.of());

        assertThat(Reachability.violations(new Network(objects)))
                .anySatisfy(v -> assertThat(v).contains("reception-service → mongodb:27017 must be allowed"));
    }

    @Test
    @DisplayName("a service allowed out to the internet is caught")
    void egressToInternetIsCaught() {
        List<Map<String, Object>> objects = new ArrayList<>(Manifests.copy(Manifests.overlay("dev")));
        objects.addAll(Manifests.fixture("broken/networkpolicy-egress-anywhere.yaml"));

        assertThat(Reachability.violations(new Network(objects)))
                .anySatisfy(v -> assertThat(v).contains("customer-service → internet:443 must be refused"));
    }

    @Test
    @DisplayName("a Kafka listener without networkPolicyPeers lets every pod in: caught")
    void openKafkaListenerIsCaught() {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("prod"));
        Map<String, Object> kafka = Manifests.ofKind(objects, "Kafka").get(0);
        Tree.maps(kafka, "spec", "kafka", "listeners").forEach(l -> l.remove("networkPolicyPeers"));

        assertThat(Reachability.violations(new Network(objects)))
                .anySatisfy(v -> assertThat(v).contains("stranger → kafka-broker:9093 must be refused"));
    }
}
