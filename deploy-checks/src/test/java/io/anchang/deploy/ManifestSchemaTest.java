package io.anchang.deploy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Every object an overlay renders validates against the committed Kubernetes and CRD schemas")
class ManifestSchemaTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("OVERLAYS")
    @DisplayName("the overlay renders and every object in it is valid")
    void everyObjectIsValid(String overlay) {
        List<Map<String, Object>> objects = Manifests.overlay(overlay);

        assertThat(objects).extracting(Manifests::kind)
                .contains("Namespace", "Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                        "NetworkPolicy", "Ingress", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "StatefulSet", "Job",
                        "Keycloak", "KeycloakRealmImport");
        assertThat(objects.stream().flatMap(o -> Schemas.errors(o).stream())).isEmpty();
    }

    @Test
    @DisplayName("a field the API does not define is refused (a misspelt probe would be dropped silently by the cluster)")
    void unknownFieldIsRefused() {
        assertThat(Manifests.fixture("broken/deployment-misspelt-field.yaml").stream().flatMap(o -> Schemas.errors(o).stream()))
                .anySatisfy(e -> assertThat(e).contains("readinesProbe"));
    }

    @Test
    @DisplayName("a value of the wrong type in a Strimzi resource is refused")
    void wrongTypeInCustomResourceIsRefused() {
        assertThat(Manifests.fixture("broken/kafkatopic-wrong-type.yaml").stream().flatMap(o -> Schemas.errors(o).stream()))
                .anySatisfy(e -> assertThat(e).contains("partitions"));
    }

    @Test
    @DisplayName("a field the Keycloak operator does not define is refused")
    void unknownKeycloakFieldIsRefused() {
        assertThat(Manifests.fixture("broken/keycloak-unknown-field.yaml").stream().flatMap(o -> Schemas.errors(o).stream()))
                .anySatisfy(e -> assertThat(e).contains("hostnames"));
    }

    @Test
    @DisplayName("a kind without a committed schema is refused, not waved through")
    void kindWithoutSchemaIsRefused() {
        Map<String, Object> unknown = Map.of("apiVersion", "example.com/v1", "kind", "Widget", "metadata", Map.of("name", "w"));

        assertThat(Schemas.errors(unknown)).singleElement().asString().contains("no schema");
    }
}
