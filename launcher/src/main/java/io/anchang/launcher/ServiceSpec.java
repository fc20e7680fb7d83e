package io.anchang.launcher;

import java.util.Map;

/**
 * One of the stack's Spring Boot applications: its module (whose {@code target/*-exec.jar}
 * it runs), its port, its database and anything else its environment needs.
 */
public record ServiceSpec(String module, int port, String database, int heapMb, Map<String, String> environment) {

    public String healthUrl() {
        return "http://127.0.0.1:" + port + "/actuator/health/readiness";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
