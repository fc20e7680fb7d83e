package io.anchang.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static io.anchang.deploy.Manifests.id;
import static io.anchang.deploy.Manifests.kind;
import static io.anchang.deploy.Manifests.name;

/**
 * The rules every pod of the suite keeps, checked on rendered objects: a pinned image,
 * requests and limits, non-root without privileges on a read-only root file system, no
 * service-account token, probes on long-running containers (for the services: the
 * actuator's on the management port, which no Service exposes), a shutdown that fits in
 * the grace period, an HPA and a PDB per service, and no secret value anywhere.
 */
final class PodPolicy {

    static final String MANAGEMENT_PORT = "9090";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(SECRET|PASSWORD|PASSWD|_KEY|JAAS_CONFIG|CREDENTIALS?)$");
    private static final Pattern USERINFO = Pattern.compile("://[^/@\\s]+:[^/@\\s]+@");
    private static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet", "Job");

    private PodPolicy() {
    }

    static List<String> violations(List<Map<String, Object>> objects) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            if (WORKLOADS.contains(kind(object))) {
                workload(object, objects, out);
            }
            if ("Secret".equals(kind(object)) && (Tree.at(object, "data") != null || Tree.at(object, "stringData") != null)) {
                out.add(id(object) + " carries secret values: secrets are created in the cluster, referenced here by name and key");
            }
            if ("KeycloakRealmImport".equals(kind(object))) {
                for (Map<String, Object> client : Tree.maps(object, "spec", "realm", "clients")) {
                    String secret = Tree.string(client, "secret");
                    if (secret != null && !secret.startsWith("${")) {
                        out.add(id(object) + " carries the secret of client " + Tree.string(client, "clientId") + ": a placeholder filled from a Secret belongs there");
                    }
                }
                if (!Tree.list(object, "spec", "realm", "users").isEmpty()) {
                    out.add(id(object) + " imports users: no demo user reaches the cluster");
                }
            }
            if ("ConfigMap".equals(kind(object))) {
                Tree.strings(object, "data").forEach((key, value) -> {
                    if (SECRET_NAME.matcher(key).matches() || (value != null && USERINFO.matcher(value).find())) {
                        out.add(id(object) + " holds " + key + ", a secret value: it belongs in a Secret");
                    }
                });
            }
            if ("Service".equals(kind(object))) {
                for (Map<String, Object> port : Tree.maps(object, "spec", "ports")) {
                    if ("management".equals(Tree.string(port, "targetPort")) || MANAGEMENT_PORT.equals(Tree.string(port, "targetPort"))
                            || MANAGEMENT_PORT.equals(Tree.string(port, "port"))) {
                        out.add(id(object) + " exposes the management port: probes, metrics and API documents stay off every Service");
                    }
                }
            }
        }
        for (Map<String, Object> deployment : services(objects)) {
            String name = name(deployment);
            boolean hpa = Manifests.ofKind(objects, "HorizontalPodAutoscaler").stream()
                    .anyMatch(h -> name.equals(Tree.string(h, "spec", "scaleTargetRef", "name")));
            if (!hpa) {
                out.add(id(deployment) + " has no HorizontalPodAutoscaler");
            }
            Map<String, String> labels = Tree.strings(deployment, "spec", "template", "metadata", "labels");
            boolean pdb = Manifests.ofKind(objects, "PodDisruptionBudget").stream()
                    .anyMatch(p -> !Tree.strings(p, "spec", "selector", "matchLabels").isEmpty()
                            && labels.entrySet().containsAll(Tree.strings(p, "spec", "selector", "matchLabels").entrySet()));
            if (!pdb) {
                out.add(id(deployment) + " has no PodDisruptionBudget");
            }
        }
        return out;
    }

    /** The Deployments of the gateway and the services. */
    static List<Map<String, Object>> services(List<Map<String, Object>> objects) {
        return Manifests.ofKind(objects, "Deployment").stream()
                .filter(d -> "service".equals(Tree.string(d, "spec", "template", "metadata", "labels", "anchang.io/tier"))).toList();
    }

    private static void workload(Map<String, Object> object, List<Map<String, Object>> objects, List<String> out) {
        String id = id(object);
        Map<String, Object> pod = Tree.map(object, "spec", "template", "spec");
        if (!Boolean.FALSE.equals(Tree.at(pod, "automountServiceAccountToken"))) {
            out.add(id + " mounts a service-account token it does not need (automountServiceAccountToken: false)");
        }
        if (!Boolean.TRUE.equals(Tree.at(pod, "securityContext", "runAsNonRoot"))) {
            out.add(id + " may run as root (securityContext.runAsNonRoot: true)");
        }
        if ("0".equals(Tree.string(pod, "securityContext", "runAsUser"))) {
            out.add(id + " runs as user 0");
        }
        if (!"RuntimeDefault".equals(Tree.string(pod, "securityContext", "seccompProfile", "type"))) {
            out.add(id + " has no RuntimeDefault seccomp profile");
        }
        if (Boolean.TRUE.equals(Tree.at(pod, "hostNetwork")) || Boolean.TRUE.equals(Tree.at(pod, "hostPID"))) {
            out.add(id + " shares the host's network or processes");
        }
        boolean longRunning = !"Job".equals(kind(object));
        for (Map<String, Object> c : Tree.maps(pod, "initContainers")) {
            container(id, c, false, out);
        }
        for (Map<String, Object> c : Tree.maps(pod, "containers")) {
            container(id, c, longRunning, out);
        }
        if (services(List.of(object)).contains(object)) {
            service(object, pod, objects, out);
        }
    }

    private static void container(String owner, Map<String, Object> c, boolean longRunning, List<String> out) {
        String id = owner + " container " + Tree.string(c, "name");
        String image = Tree.string(c, "image");
        if (!pinned(image)) {
            out.add(id + " runs image " + image + ", not pinned to a version");
        }
        for (String r : List.of("cpu", "memory")) {
            if (Tree.at(c, "resources", "requests", r) == null) {
                out.add(id + " requests no " + r);
            }
        }
        if (Tree.at(c, "resources", "limits", "memory") == null) {
            out.add(id + " has no memory limit");
        }
        Map<String, Object> sc = Tree.map(c, "securityContext");
        if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
            out.add(id + " may escalate privileges (allowPrivilegeEscalation: false)");
        }
        if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
            out.add(id + " writes to its root file system (readOnlyRootFilesystem: true)");
        }
        if (Boolean.TRUE.equals(sc.get("privileged")) || "0".equals(Objects.toString(sc.get("runAsUser"), null))) {
            out.add(id + " runs privileged or as user 0");
        }
        if (!Tree.list(sc, "capabilities", "drop").contains("ALL") || !Tree.list(sc, "capabilities", "add").isEmpty()) {
            out.add(id + " keeps Linux capabilities (capabilities.drop: [ALL], none added)");
        }
        if (longRunning && (Tree.at(c, "livenessProbe") == null || Tree.at(c, "readinessProbe") == null)) {
            out.add(id + " lacks a liveness or readiness probe");
        }
        for (Map<String, Object> env : Tree.maps(c, "env")) {
            String value = Tree.string(env, "value");
            String name = Tree.string(env, "name");
            if (value != null && (SECRET_NAME.matcher(name).matches() || USERINFO.matcher(value).find())) {
                out.add(id + " sets " + name + " to a literal secret value: it must come from a Secret (secretKeyRef)");
            }
        }
    }

    /** The gateway's and the services' own rules: the actuator's probes on the management port, a graceful shutdown within the grace period. */
    private static void service(Map<String, Object> deployment, Map<String, Object> pod, List<Map<String, Object>> objects, List<String> out) {
        String id = id(deployment);
        for (Map<String, Object> c : Tree.maps(pod, "containers")) {
            Map<String, String> env = Environment.of(c, objects);
            if (!MANAGEMENT_PORT.equals(env.get("MANAGEMENT_PORT"))) {
                out.add(id + " does not put the actuator on the management port (MANAGEMENT_PORT=" + MANAGEMENT_PORT + ")");
            }
            Map<String, String> ports = new LinkedHashMap<>();
            Tree.maps(c, "ports").forEach(p -> ports.put(Tree.string(p, "name"), Tree.string(p, "containerPort")));
            if (!MANAGEMENT_PORT.equals(ports.get("management")) || !Objects.equals(env.get("PORT"), ports.get("http"))) {
                out.add(id + " names its ports wrongly: http must be PORT and management MANAGEMENT_PORT, got " + ports);
            }
            probe(id, c, "livenessProbe", "/actuator/health/liveness", ports, out);
            probe(id, c, "readinessProbe", "/actuator/health/readiness", ports, out);
            long grace = Long.parseLong(Objects.toString(Tree.at(pod, "terminationGracePeriodSeconds"), "30"));
            long preStop = Tree.list(c, "lifecycle", "preStop", "exec", "command").stream().map(String::valueOf)
                    .filter(s -> s.matches("\\d+")).mapToLong(Long::parseLong).sum();
            String phase = env.getOrDefault("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "30s");
            long shutdown = Long.parseLong(phase.replaceAll("s$", ""));
            if (grace < preStop + shutdown + 5) {
                out.add(id + " may be killed mid-shutdown: grace period " + grace + " s < preStop " + preStop + " s + shutdown " + shutdown + " s + 5 s");
            }
        }
    }

    private static void probe(String id, Map<String, Object> c, String probe, String path, Map<String, String> ports, List<String> out) {
        String port = Tree.string(c, probe, "httpGet", "port");
        String resolved = ports.getOrDefault(port, port);
        if (!path.equals(Tree.string(c, probe, "httpGet", "path")) || !MANAGEMENT_PORT.equals(resolved)) {
            out.add(id + " " + probe + " is not GET " + path + " on the management port");
        }
    }

    /** A tag that names a version (not latest, not none) or a digest. */
    static boolean pinned(String image) {
        if (image == null) {
            return false;
        }
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.isBlank() && !tag.equals("latest") && tag.matches(".*\\d.*");
    }
}
