package io.anchang.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates NetworkPolicies offline the way the cluster does: a pod that some policy of
 * its namespace selects for a direction allows, in that direction, only what one of those
 * policies' rules allows; traffic passes when the source's egress and the destination's
 * ingress both allow it. Selectors by matchLabels (matchExpressions are refused rather than
 * guessed). The policies Strimzi and the Keycloak operator create from their custom
 * resources are derived here from the same fields the operators read
 * (listeners[].networkPolicyPeers, spec.networkPolicy).
 */
final class Network {

    static final String NAMESPACE = "anchang";

    /** A pod somewhere: its namespace (null: outside the cluster), labels and named ports. */
    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {
    }

    private final List<Map<String, Object>> policies = new ArrayList<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();

    Network(List<Map<String, Object>> objects) {
        for (Map<String, Object> o : objects) {
            switch (Objects.requireNonNull(Manifests.kind(o))) {
                case "NetworkPolicy" -> policies.add(o);
                case "Deployment", "StatefulSet", "Job" -> pods.put(Manifests.name(o), workloadPod(o));
                case "Kafka" -> kafka(o);
                case "Keycloak" -> keycloak(o);
                default -> { }
            }
        }
        pod("ingress-controller", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of());
        pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), Map.of());
        pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of("dns", 53));
        pod("stranger", "elsewhere", Map.of("app", "stranger"), Map.of());
        pod("internet", null, Map.of(), Map.of("https", 443));
    }

    Pod pod(String name) {
        return Objects.requireNonNull(pods.get(name), () -> "no pod " + name + " in " + pods.keySet());
    }

    /** Whether a connection from one pod to a port of another passes every policy. */
    boolean allows(String from, String to, int port) {
        Pod source = pod(from);
        Pod target = pod(to);
        return allowed(source, target, port, "Egress", source) && allowed(source, target, port, "Ingress", target);
    }

    private boolean allowed(Pod source, Pod target, int port, String direction, Pod subject) {
        if (subject.namespace() == null) {
            return true;
        }
        List<Map<String, Object>> selecting = policies.stream()
                .filter(p -> subject.namespace().equals(namespaceOf(p)))
                .filter(p -> types(p).contains(direction))
                .filter(p -> matches(Tree.strings(p, "spec", "podSelector", "matchLabels"), subject.labels(), p, "spec", "podSelector"))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        String rules = direction.equals("Ingress") ? "ingress" : "egress";
        String peers = direction.equals("Ingress") ? "from" : "to";
        Pod peer = direction.equals("Ingress") ? source : target;
        for (Map<String, Object> policy : selecting) {
            for (Map<String, Object> rule : Tree.maps(policy, "spec", rules)) {
                List<Map<String, Object>> ruleTargets = Tree.maps(rule, peers);
                boolean peerOk = ruleTargets.isEmpty() || ruleTargets.stream().anyMatch(p -> peerMatches(p, peer, namespaceOf(policy)));
                List<Map<String, Object>> ports = Tree.maps(rule, "ports");
                boolean portOk = ports.isEmpty() || ports.stream().anyMatch(p -> portMatches(p, target, port));
                if (peerOk && portOk) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean peerMatches(Map<String, Object> peer, Pod pod, String policyNamespace) {
        if (Tree.at(peer, "ipBlock") != null) {
            // an address range: anything outside the cluster, and (conservatively) any pod
            return true;
        }
        if (pod.namespace() == null) {
            return false;
        }
        boolean hasNamespaceSelector = Tree.at(peer, "namespaceSelector") != null;
        boolean namespaceOk = hasNamespaceSelector
                ? matches(Tree.strings(peer, "namespaceSelector", "matchLabels"), Map.of("kubernetes.io/metadata.name", pod.namespace()), peer, "namespaceSelector")
                : policyNamespace.equals(pod.namespace());
        boolean podOk = Tree.at(peer, "podSelector") == null
                || matches(Tree.strings(peer, "podSelector", "matchLabels"), pod.labels(), peer, "podSelector");
        return namespaceOk && podOk;
    }

    private static boolean portMatches(Map<String, Object> rulePort, Pod target, int port) {
        String value = Tree.string(rulePort, "port");
        if (value == null) {
            return true;
        }
        Integer named = target.ports().get(value);
        int wanted = named != null ? named : value.matches("\\d+") ? Integer.parseInt(value) : -1;
        String endPort = Tree.string(rulePort, "endPort");
        return endPort == null ? wanted == port : port >= wanted && port <= Integer.parseInt(endPort);
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels, Object owner, String... path) {
        if (Tree.at(owner, concat(path, "matchExpressions")) != null) {
            throw new UnsupportedOperationException("matchExpressions are not evaluated here: use matchLabels");
        }
        return labels.entrySet().containsAll(selector.entrySet());
    }

    private static String[] concat(String[] path, String last) {
        String[] out = java.util.Arrays.copyOf(path, path.length + 1);
        out[path.length] = last;
        return out;
    }

    private static List<String> types(Map<String, Object> policy) {
        List<Object> declared = Tree.list(policy, "spec", "policyTypes");
        if (!declared.isEmpty()) {
            return declared.stream().map(String::valueOf).toList();
        }
        return Tree.at(policy, "spec", "egress") != null ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static String namespaceOf(Map<String, Object> object) {
        return Objects.requireNonNullElse(Tree.string(object, "metadata", "namespace"), NAMESPACE);
    }

    private Pod workloadPod(Map<String, Object> workload) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map<String, Object> c : Tree.maps(workload, "spec", "template", "spec", "containers")) {
            for (Map<String, Object> p : Tree.maps(c, "ports")) {
                ports.put(Tree.string(p, "name"), Integer.parseInt(Tree.string(p, "containerPort")));
            }
        }
        return new Pod(Manifests.name(workload), namespaceOf(workload), Tree.strings(workload, "spec", "template", "metadata", "labels"), ports);
    }

    private void pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {
        pods.put(name, new Pod(name, namespace, labels, ports));
    }

    /** Strimzi: a broker pod, and per listener a policy admitting its networkPolicyPeers (everyone when none are named). */
    private void kafka(Map<String, Object> kafka) {
        String cluster = Manifests.name(kafka);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map<String, Object> listener : Tree.maps(kafka, "spec", "kafka", "listeners")) {
            int port = Integer.parseInt(Tree.string(listener, "port"));
            ports.put(Tree.string(listener, "name"), port);
            List<Object> from = Tree.list(listener, "networkPolicyPeers");
            policies.add(ingressPolicy(Map.of("strimzi.io/cluster", cluster, "strimzi.io/broker-role", "true"), from, port));
        }
        pod("kafka-broker", namespaceOf(kafka), Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                "strimzi.io/broker-role", "true"), ports);
    }

    /** The Keycloak operator: a server pod, and policies admitting spec.networkPolicy's peers to the HTTP and management ports. */
    private void keycloak(Map<String, Object> keycloak) {
        String instance = Manifests.name(keycloak);
        int http = Integer.parseInt(Objects.requireNonNullElse(Tree.string(keycloak, "spec", "http", "httpPort"), "8080"));
        int management = Integer.parseInt(Objects.requireNonNullElse(Tree.string(keycloak, "spec", "httpManagement", "port"), "9000"));
        Map<String, String> labels = Map.of("app", "keycloak", "app.kubernetes.io/instance", instance,
                "app.kubernetes.io/managed-by", "keycloak-operator");
        if (Boolean.FALSE.equals(Tree.at(keycloak, "spec", "networkPolicy", "enabled"))) {
            policies.add(ingressPolicy(labels, List.of(), -1));
        } else {
            policies.add(ingressPolicy(labels, Tree.list(keycloak, "spec", "networkPolicy", "http"), http));
            policies.add(ingressPolicy(labels, Tree.list(keycloak, "spec", "networkPolicy", "management"), management));
        }
        pod("keycloak", namespaceOf(keycloak), labels, Map.of("http", http, "management", management));
    }

    private static Map<String, Object> ingressPolicy(Map<String, String> podLabels, List<Object> from, int port) {
        Map<String, Object> rule = new LinkedHashMap<>();
        if (!from.isEmpty()) {
            rule.put("from", from);
        }
        if (port > 0) {
            rule.put("ports", List.of(Map.of("port", port)));
        }
        return Map.of("kind", "NetworkPolicy", "metadata", Map.of("name", "derived"),
                "spec", Map.of("podSelector", Map.of("matchLabels", podLabels), "policyTypes", List.of("Ingress"),
                        "ingress", List.of(rule)));
    }
}
