package io.anchang.deploy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Every pod: pinned image, requests and limits, non-root, read-only, no token, probes, graceful shutdown; no secret values")
class PodPolicyTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("OVERLAYS")
    @DisplayName("the overlay keeps every rule")
    void overlayKeepsEveryRule(String overlay) {
        List<Map<String, Object>> objects = Manifests.overlay(overlay);

        assertThat(PodPolicy.services(objects)).extracting(Manifests::name).containsExactlyInAnyOrder(
                "gateway", "reception-service", "customer-service", "deal-service", "finance-service", "reporting-service");
        assertThat(PodPolicy.violations(objects)).isEmpty();
    }

    @Test
    @DisplayName("a pod that may run as root is caught")
    void rootIsCaught() {
        assertThat(broken("reception-service", pod -> Tree.map(pod, "securityContext").remove("runAsNonRoot")))
                .anySatisfy(v -> assertThat(v).contains("Deployment/reception-service may run as root"));
    }

    @Test
    @DisplayName("a writable root file system is caught")
    void writableRootIsCaught() {
        assertThat(broken("deal-service", pod -> Tree.map(container(pod), "securityContext").put("readOnlyRootFilesystem", false)))
                .anySatisfy(v -> assertThat(v).contains("Deployment/deal-service container app writes to its root file system"));
    }

    @Test
    @DisplayName("a mounted service-account token is caught")
    void tokenIsCaught() {
        assertThat(broken("finance-service", pod -> pod.remove("automountServiceAccountToken")))
                .anySatisfy(v -> assertThat(v).contains("Deployment/finance-service mounts a service-account token"));
    }

    @Test
    @DisplayName("a readiness probe on the API port instead of the management port is caught")
    void probeOnApiPortIsCaught() {
        assertThat(broken("customer-service", pod -> Tree.map(container(pod), "readinessProbe", "httpGet").put("port", "http")))
                .anySatisfy(v -> assertThat(v).contains("Deployment/customer-service readinessProbe is not GET /actuator/health/readiness on the management port"));
    }

    @Test
    @DisplayName("a container without a liveness probe is caught")
    void missingProbeIsCaught() {
        assertThat(broken("reporting-service", pod -> container(pod).remove("livenessProbe")))
                .anySatisfy(v -> assertThat(v).contains("Deployment/reporting-service container app lacks a liveness or readiness probe"));
    }

    @Test
    @DisplayName("a container without a memory limit is caught")
    void missingLimitIsCaught() {
        assertThat(broken("gateway", pod -> Tree.map(container(pod), "resources").remove("limits")))
                .anySatisfy(v -> assertThat(v).contains("Deployment/gateway container app has no memory limit"));
    }

    @Test
    @DisplayName("an image not pinned to a version is caught")
    void unpinnedImageIsCaught() {
        assertThat(broken("gateway", pod -> container(pod).put("image", "anchang/gateway:latest")))
                .anySatisfy(v -> assertThat(v).contains("runs image anchang/gateway:latest, not pinned"));
        assertThat(PodPolicy.pinned("mongo")).isFalse();
        assertThat(PodPolicy.pinned("registry.example.com:5000/anchang/gateway")).isFalse();
        assertThat(PodPolicy.pinned("mongo:8.0.12")).isTrue();
    }

    @Test
    @DisplayName("a grace period shorter than the shutdown is caught")
    void shortGraceIsCaught() {
        assertThat(broken("reception-service", pod -> pod.put("terminationGracePeriodSeconds", 30)))
                .anySatisfy(v -> assertThat(v).contains("Deployment/reception-service may be killed mid-shutdown"));
    }

    @Test
    @DisplayName("a secret written into a Deployment, a ConfigMap or a Secret is caught")
    void secretValueIsCaught() {
        assertThat(broken("customer-service", pod -> Tree.list(container(pod), "env").add(0,
                new java.util.HashMap<>(Map.of("name", "ANCHANG_PHONE_KEY", "value", "0123456789abcdef")))))
                .anySatisfy(v -> assertThat(v).contains("sets ANCHANG_PHONE_KEY to a literal secret value"));

        List<Map<String, Object>> withSecret = new ArrayList<>(Manifests.copy(Manifests.overlay("prod")));
        withSecret.add(Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "mongodb-admin"),
                "stringData", Map.of("password", "hunter2")));
        withSecret.add(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "leaky"),
                "data", Map.of("MONGODB_URI", "mongodb://deal-service:hunter2@mongodb-0.mongodb:27017/deal")));
        assertThat(PodPolicy.violations(withSecret))
                .anySatisfy(v -> assertThat(v).contains("Secret/mongodb-admin carries secret values"))
                .anySatisfy(v -> assertThat(v).contains("ConfigMap/leaky holds MONGODB_URI, a secret value"));
    }

    @Test
    @DisplayName("a service without HPA or PDB, or a Service that exposes the management port, is caught")
    void missingHpaPdbAndExposedManagementAreCaught() {
        List<Map<String, Object>> objects = Manifests.overlayWith("prod",
                o -> "deal-service".equals(Manifests.name(o)) && List.of("HorizontalPodAutoscaler", "PodDisruptionBudget").contains(Manifests.kind(o)),
                List.of());
        Map<String, Object> service = Manifests.find(objects, "Service", "finance-service").orElseThrow();
        Tree.list(service, "spec", "ports").add(new java.util.HashMap<>(Map.of("name", "management", "port", 9090, "targetPort", "management")));

        assertThat(PodPolicy.violations(objects))
                .anySatisfy(v -> assertThat(v).contains("Deployment/deal-service has no HorizontalPodAutoscaler"))
                .anySatisfy(v -> assertThat(v).contains("Deployment/deal-service has no PodDisruptionBudget"))
                .anySatisfy(v -> assertThat(v).contains("Service/finance-service exposes the management port"));
    }

    private static List<String> broken(String deployment, Consumer<Map<String, Object>> breakPod) {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("prod"));
        breakPod.accept(Tree.map(Manifests.find(objects, "Deployment", deployment).orElseThrow(), "spec", "template", "spec"));
        return PodPolicy.violations(objects);
    }

    private static Map<String, Object> container(Map<String, Object> pod) {
        return Tree.maps(pod, "containers").get(0);
    }
}
