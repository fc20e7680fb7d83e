package io.anchang.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every port the office on one machine uses.
 *
 * @param http       the services' and the gateway's own ports (the gateway's is the only one users need)
 * @param management their management ports: health, metrics and API documents, which the gateway does not route
 */
public record OfficePorts(Ports http, Ports management, int mongo, int kafka, int kafkaController, int keycloak,
                          int keycloakManagement) {

    /** The ports the README lists. */
    public static OfficePorts defaults() {
        return new OfficePorts(Ports.defaults(), Ports.managementDefaults(), 27117, 9192, 9193, 8180, 8190);
    }

    /** Free ports, for a second stack beside the developer's (the system tests). */
    public static OfficePorts free() {
        return new OfficePorts(Ports.free(), Ports.free(), Ports.free(0), Ports.free(0), Ports.free(0), Ports.free(0),
                Ports.free(0));
    }

    /** Each port by what uses it. */
    public Map<String, Integer> byPart() {
        Map<String, Integer> parts = new LinkedHashMap<>();
        parts.put("gateway", http.gateway());
        parts.put("reception-service", http.reception());
        parts.put("customer-service", http.customer());
        parts.put("deal-service", http.deal());
        parts.put("finance-service", http.finance());
        parts.put("reporting-service", http.reporting());
        parts.put("gateway management", management.gateway());
        parts.put("reception-service management", management.reception());
        parts.put("customer-service management", management.customer());
        parts.put("deal-service management", management.deal());
        parts.put("finance-service management", management.finance());
        parts.put("reporting-service management", management.reporting());
        parts.put("MongoDB stand-in", mongo);
        parts.put("Kafka", kafka);
        parts.put("Kafka controller", kafkaController);
        parts.put("Keycloak", keycloak);
        parts.put("Keycloak management", keycloakManagement);
        return parts;
    }
}
