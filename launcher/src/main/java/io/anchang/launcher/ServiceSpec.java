package io.anchang.launcher;

import java.util.Map;

/**
 * One of the stack's Spring Boot applications: its module (whose {@code target/*-exec.jar}
 * it runs), its port, its management port (health, metrics, API document), its database and
 * anything else its environment needs.
 */
public record ServiceSpec(String module, int port, int managementPort, String database, int heapMb,
                          Map<String, String> environment) {

    /** The readiness probe, on the management port. */
    public String healthUrl() {
        return managementUrl() + "/actuator/health/readiness";
    }

    /** The OpenAPI document, on the management port. */
    public String apiDocsUrl() {
        return managementUrl() + "/actuator/openapi";
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
