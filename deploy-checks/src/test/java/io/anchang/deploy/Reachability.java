package io.anchang.deploy;

import java.util.ArrayList;
import java.util.List;

/** The design's answer to "who may talk to whom", asked of a {@link Network}. */
final class Reachability {

    static final List<String> BACKENDS = List.of("reception-service", "customer-service", "deal-service", "finance-service", "reporting-service");
    static final int HTTP = 8080;
    static final int MANAGEMENT = 9090;

    private Reachability() {
    }

    static List<String> violations(Network network) {
        List<String> out = new ArrayList<>();
        Check check = (from, to, port, allowed) -> {
            if (network.allows(from, to, port) != allowed) {
                out.add(from + " → " + to + ":" + port + (allowed ? " must be allowed" : " must be refused"));
            }
        };
        // from outside: only the gateway, and only through the Ingress controller
        check.expect("ingress-controller", "gateway", HTTP, true);
        check.expect("stranger", "gateway", HTTP, false);
        check.expect("ingress-controller", "gateway", MANAGEMENT, false);
        check.expect("ingress-controller", "keycloak", HTTP, true);
        // Prometheus: the management ports only
        check.expect("prometheus", "gateway", MANAGEMENT, true);
        check.expect("prometheus", "gateway", HTTP, false);
        for (String service : BACKENDS) {
            check.expect("ingress-controller", service, HTTP, false);
            check.expect("stranger", service, HTTP, false);
            check.expect("gateway", service, HTTP, true);
            check.expect("gateway", service, MANAGEMENT, false);
            check.expect("prometheus", service, MANAGEMENT, true);
            check.expect("prometheus", service, HTTP, false);
            // each service: Kafka, MongoDB, Keycloak, DNS — and nothing else
            check.expect(service, "kafka-broker", 9093, true);
            check.expect(service, "mongodb", 27017, true);
            check.expect(service, "keycloak", HTTP, true);
            check.expect(service, "kube-dns", 53, true);
            check.expect(service, "keycloak-postgres", 5432, false);
            check.expect(service, "keycloak", 9000, false);
            check.expect(service, "internet", 443, false);
            check.expect(service, "stranger", HTTP, false);
            for (String other : BACKENDS) {
                if (!other.equals(service)) {
                    // flow 1: reception asks customer-service who serves a walk-in; no other call between services
                    boolean flowOne = service.equals("reception-service") && other.equals("customer-service");
                    check.expect(service, other, HTTP, flowOne);
                }
            }
        }
        // the gateway reaches the services and Keycloak, no store, no broker
        check.expect("gateway", "mongodb", 27017, false);
        check.expect("gateway", "kafka-broker", 9093, false);
        check.expect("gateway", "keycloak", HTTP, true);
        check.expect("gateway", "internet", 443, false);
        // the stores: only their clients
        check.expect("stranger", "mongodb", 27017, false);
        check.expect("stranger", "kafka-broker", 9093, false);
        check.expect("mongodb-init", "mongodb", 27017, true);
        check.expect("stranger", "keycloak-postgres", 5432, false);
        check.expect("keycloak", "keycloak-postgres", 5432, true);
        return out;
    }

    @FunctionalInterface
    private interface Check {
        void expect(String from, String to, int port, boolean allowed);
    }
}
