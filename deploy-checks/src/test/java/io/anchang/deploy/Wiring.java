package io.anchang.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every address a service is given leads somewhere: each URI the gateway routes to (and
 * reception's customer-service) names a Service with that port, whose selector picks a
 * Deployment's pods and whose target port is one of their container ports; the Keycloak and
 * Kafka addresses name what the operators create from the Keycloak and Kafka resources,
 * with the protocol the clients are told to speak; every Ingress backend exists.
 */
final class Wiring {

    private Wiring() {
    }

    static List<String> violations(List<Map<String, Object>> objects) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> deployment : PodPolicy.services(objects)) {
            Map<String, String> env = Environment.of(Tree.maps(deployment, "spec", "template", "spec", "containers").get(0), objects);
            env.forEach((name, value) -> {
                if (name.endsWith("_URI") && value != null && value.startsWith("http") && !name.startsWith("ANCHANG_")) {
                    service(Manifests.id(deployment) + " " + name, URI.create(value), objects, out);
                }
            });
            keycloak(Manifests.id(deployment), env, objects, out);
            kafka(Manifests.id(deployment), env, objects, out);
        }
        for (Map<String, Object> ingress : Manifests.ofKind(objects, "Ingress")) {
            for (Map<String, Object> rule : Tree.maps(ingress, "spec", "rules")) {
                for (Map<String, Object> path : Tree.maps(rule, "http", "paths")) {
                    String name = Tree.string(path, "backend", "service", "name");
                    String port = Objects.requireNonNullElse(Tree.string(path, "backend", "service", "port", "number"),
                            Tree.string(path, "backend", "service", "port", "name"));
                    boolean exists = servicePort(objects, name, port) != null || keycloakService(objects, name, port);
                    if (!exists) {
                        out.add(Manifests.id(ingress) + " routes to " + name + ":" + port + ", which no Service offers");
                    }
                }
            }
        }
        return out;
    }

    private static void service(String who, URI uri, List<Map<String, Object>> objects, List<String> out) {
        String host = uri.getHost();
        String port = String.valueOf(uri.getPort() < 0 ? 80 : uri.getPort());
        Map<String, Object> servicePort = servicePort(objects, host, port);
        if (servicePort == null) {
            out.add(who + " = " + uri + ": no Service " + host + " with port " + port);
            return;
        }
        Map<String, Object> service = Manifests.find(objects, "Service", host).orElseThrow();
        Map<String, String> selector = Tree.strings(service, "spec", "selector");
        String target = Objects.requireNonNullElse(Tree.string(servicePort, "targetPort"), port);
        boolean served = PodPolicy.services(objects).stream().anyMatch(d ->
                !selector.isEmpty() && Tree.strings(d, "spec", "template", "metadata", "labels").entrySet().containsAll(selector.entrySet())
                        && Tree.maps(d, "spec", "template", "spec", "containers").stream().flatMap(c -> Tree.maps(c, "ports").stream())
                        .anyMatch(p -> target.equals(Tree.string(p, "name")) || target.equals(Tree.string(p, "containerPort"))));
        if (!served) {
            out.add(who + " = " + uri + ": Service " + host + " selects no pod with port " + target);
        }
    }

    private static Map<String, Object> servicePort(List<Map<String, Object>> objects, String name, String port) {
        return Manifests.find(objects, "Service", name).flatMap(s -> Tree.maps(s, "spec", "ports").stream()
                .filter(p -> port.equals(Tree.string(p, "port")) || port.equals(Tree.string(p, "name"))).findFirst()).orElse(null);
    }

    /** The Keycloak operator names its Service {name}-service and serves HTTP on spec.http.httpPort. */
    private static boolean keycloakService(List<Map<String, Object>> objects, String name, String port) {
        return Manifests.ofKind(objects, "Keycloak").stream().anyMatch(k -> (Manifests.name(k) + "-service").equals(name)
                && Boolean.TRUE.equals(Tree.at(k, "spec", "http", "httpEnabled"))
                && port.equals(Objects.requireNonNullElse(Tree.string(k, "spec", "http", "httpPort"), "8080")));
    }

    private static void keycloak(String who, Map<String, String> env, List<Map<String, Object>> objects, List<String> out) {
        for (String name : List.of("ANCHANG_JWK_SET_URI", "ANCHANG_TOKEN_URI")) {
            String value = env.get(name);
            if (value != null) {
                URI uri = URI.create(value);
                if (!keycloakService(objects, uri.getHost(), String.valueOf(uri.getPort()))) {
                    out.add(who + " " + name + " = " + value + ": not the HTTP Service of a Keycloak resource");
                }
            }
        }
        String issuer = env.get("ANCHANG_ISSUER");
        if (issuer != null) {
            boolean matches = Manifests.ofKind(objects, "Keycloak").stream()
                    .anyMatch(k -> issuer.equals(Tree.string(k, "spec", "hostname", "hostname") + "/realms/anchang"));
            if (!matches) {
                out.add(who + " ANCHANG_ISSUER = " + issuer + ": not the issuer Keycloak's hostname gives its tokens");
            }
        }
    }

    private static void kafka(String who, Map<String, String> env, List<Map<String, Object>> objects, List<String> out) {
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null) {
            return;
        }
        String[] hostPort = bootstrap.split(":");
        boolean ok = Manifests.ofKind(objects, "Kafka").stream().anyMatch(k ->
                (Manifests.name(k) + "-kafka-bootstrap").equals(hostPort[0])
                        && Tree.maps(k, "spec", "kafka", "listeners").stream().anyMatch(l -> hostPort[1].equals(Tree.string(l, "port"))
                        && Boolean.TRUE.equals(Tree.at(l, "tls")) == "SASL_SSL".equals(env.get("SPRING_KAFKA_SECURITY_PROTOCOL"))
                        && "scram-sha-512".equals(Tree.string(l, "authentication", "type"))
                        == "SCRAM-SHA-512".equals(env.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM"))));
        if (!ok) {
            out.add(who + " KAFKA_BOOTSTRAP_SERVERS = " + bootstrap + ": no listener of a Kafka resource there that speaks "
                    + env.get("SPRING_KAFKA_SECURITY_PROTOCOL") + " " + env.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM"));
        }
    }
}
