package io.anchang.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The five services and the gateway, each a JVM of its own with an explicit heap, started
 * from their built jars and watched until their readiness probe says UP.
 */
public final class ServiceStack implements AutoCloseable {

    /** reception-service's own Keycloak client (the realm's {@code anchang-reception}). */
    public static final String RECEPTION_CLIENT = "anchang-reception";

    private final Path root;
    private final Path runDir;
    private final List<ServiceSpec> specs;
    private final Endpoints endpoints;
    private final Progress progress;
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();

    public ServiceStack(Path root, Path runDir, List<ServiceSpec> specs, Endpoints endpoints, Progress progress) {
        this.root = root;
        this.runDir = runDir;
        this.specs = List.copyOf(specs);
        this.endpoints = endpoints;
        this.progress = progress;
    }

    /**
     * The services and the gateway on these ports and management ports, with the databases the README names and the
     * office's secrets: reception-service's own client (R-SEC-1), customer-service's phone key (R-SEC-3), every
     * service's audit key (R-SEC-4).
     */
    public static List<ServiceSpec> specs(Ports ports, Ports management, OfficeSecrets secrets) {
        Map<String, String> routes = Map.of(
                "RECEPTION_URI", "http://127.0.0.1:" + ports.reception(),
                "CUSTOMER_URI", "http://127.0.0.1:" + ports.customer(),
                "DEAL_URI", "http://127.0.0.1:" + ports.deal(),
                "FINANCE_URI", "http://127.0.0.1:" + ports.finance(),
                "REPORTING_URI", "http://127.0.0.1:" + ports.reporting());
        return List.of(
                // reception asks customer-service who serves a walk-in (flow 1)
                new ServiceSpec("reception-service", ports.reception(), management.reception(), "reception", 256,
                        Map.of("CUSTOMER_URI", "http://127.0.0.1:" + ports.customer(),
                                "ANCHANG_SERVICE_CLIENT_ID", RECEPTION_CLIENT,
                                "ANCHANG_SERVICE_CLIENT_SECRET", secrets.receptionClientSecret(),
                                "ANCHANG_AUDIT_KEY", secrets.auditKey())),
                new ServiceSpec("customer-service", ports.customer(), management.customer(), "customer", 256,
                        Map.of("ANCHANG_PHONE_KEY", secrets.phoneKey(), "ANCHANG_AUDIT_KEY", secrets.auditKey())),
                new ServiceSpec("deal-service", ports.deal(), management.deal(), "deal", 256,
                        Map.of("ANCHANG_AUDIT_KEY", secrets.auditKey())),
                new ServiceSpec("finance-service", ports.finance(), management.finance(), "finance", 256,
                        Map.of("ANCHANG_AUDIT_KEY", secrets.auditKey())),
                new ServiceSpec("reporting-service", ports.reporting(), management.reporting(), "reporting", 256,
                        Map.of("ANCHANG_AUDIT_KEY", secrets.auditKey())),
                new ServiceSpec("gateway", ports.gateway(), management.gateway(), null, 256, routes));
    }

    /** Starts every part at once and waits until all are ready; on failure says which and why. */
    public ServiceStack start(Duration timeout) {
        launch();
        try {
            awaitReady(timeout);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** Starts every part at once, without waiting. */
    public ServiceStack launch() {
        for (ServiceSpec spec : specs) {
            for (int port : new int[] {spec.port(), spec.managementPort()}) {
                if (Ports.taken(port)) {
                    throw new IllegalStateException("port " + port + " for " + spec.module()
                            + " is taken by another program; stop it or choose other ports");
                }
            }
        }
        for (ServiceSpec spec : specs) {
            processes.put(spec.module(), process(spec).start());
            progress.say("starting " + spec.module() + " on :" + spec.port());
        }
        return this;
    }

    /** Waits until every part is ready; says which was not and why. */
    public void awaitReady(Duration timeout) {
        List<CompletableFuture<Void>> ready = specs.stream()
                .map(spec -> CompletableFuture.runAsync(() -> awaitReady(spec, timeout)))
                .toList();
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Starts one part again (after {@link #stop(String)}), and waits until it is ready. */
    public void restart(String module, Duration timeout) {
        ServiceSpec spec = spec(module);
        processes.put(module, process(spec).start());
        awaitReady(spec, timeout);
    }

    /** SIGKILL, as a crash (start it again with {@link #restart}). */
    public void kill(String module) {
        ManagedProcess process = processes.remove(module);
        if (process != null) {
            process.kill();
        }
    }

    /** The running process of a part, e.g. to pause it. */
    public ManagedProcess process(String module) {
        ManagedProcess process = processes.get(module);
        if (process == null) {
            throw new IllegalStateException(module + " is not running");
        }
        return process;
    }

    public void stop(String module) {
        ManagedProcess process = processes.remove(module);
        if (process != null) {
            process.stop(20);
        }
    }

    public ServiceSpec spec(String module) {
        return specs.stream().filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no part " + module));
    }

    public Path log(String module) {
        return runDir.resolve("logs").resolve(module + ".log");
    }

    @Override
    public void close() {
        List<ManagedProcess> running = new ArrayList<>(processes.values());
        processes.clear();
        running.parallelStream().forEach(p -> p.stop(20));
    }

    private ManagedProcess process(ServiceSpec spec) {
        Map<String, String> environment = new LinkedHashMap<>(spec.environment());
        environment.put("PORT", Integer.toString(spec.port()));
        environment.put("MANAGEMENT_PORT", Integer.toString(spec.managementPort()));
        if (spec.database() != null) {
            environment.put("MONGODB_URI", endpoints.mongo() + "/" + spec.database());
        }
        environment.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafka());
        environment.put("ANCHANG_ISSUER", endpoints.issuer());
        environment.put("ANCHANG_JWK_SET_URI", endpoints.jwkSetUri());
        environment.put("ANCHANG_TOKEN_URI", endpoints.tokenUri());
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JvmOptions.standard(spec.heapMb(), spec.heapMb() / 2));
        command.addAll(JvmOptions.extra(spec.module()));
        command.addAll(List.of("-jar", jar(spec.module()).toString()));
        return new ManagedProcess(spec.module(), command, environment, log(spec.module()),
                runDir.resolve("pids").resolve(spec.module() + ".pid"));
    }

    private void awaitReady(ServiceSpec spec, Duration timeout) {
        Readiness.awaitHttp(spec.module(), processes.get(spec.module()), spec.healthUrl(),
                response -> response.statusCode() == 200 && response.body().contains("\"UP\""), timeout);
        progress.say(spec.module() + " is ready on :" + spec.port());
    }

    private Path jar(String module) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no built jar of " + module + " in " + target
                            + "; build first: ./mvnw -DskipTests package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
