package io.anchang.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole office on one machine: the MongoDB stand-in, a real Kafka broker and a real
 * Keycloak (started side by side), then the five services and the gateway, then the demo
 * sites. Everything lives under one folder — data, logs, pid files — so that a restart
 * keeps the data and a test can run a second office beside the developer's.
 */
public final class Office implements AutoCloseable {

    /** How long each part may take to come up: 4 minutes, or {@code -Danchang.office.timeout=PT10M} on a crowded machine. */
    public static final Duration TIMEOUT = Duration.parse(System.getProperty("anchang.office.timeout", "PT4M"));

    private final Path root;
    private final Path home;
    private final OfficePorts ports;
    private final Progress progress;
    private final MongoStandInServer mongo;
    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;
    private final OfficeSecrets secrets;
    private ServiceStack services;
    private boolean ownedByThisJvm = true;
    private Process watchdog;

    /**
     * @param root  the project (where each module's {@code target} holds its built jar)
     * @param home  the office's folder: {@code data/}, {@code logs/}, {@code pids/}
     */
    public Office(Path root, Path home, OfficePorts ports, Progress progress) {
        this.root = root;
        this.home = home;
        this.ports = ports;
        this.progress = progress;
        Path lib = root.resolve("launcher/target/lib");
        DataFormat.require(home.resolve("data"));
        this.secrets = OfficeSecrets.of(home.resolve("data"));
        this.mongo = new MongoStandInServer(lib, home.resolve("data/mongo"), ports.mongo(), log("mongo"), pid("mongo"));
        this.kafka = new KafkaBroker(JavaCommand.of(lib), home.resolve("data/kafka"), ports.kafka(), ports.kafkaController(), log("kafka"), pid("kafka"));
        this.keycloak = new KeycloakServer(keycloakHome(root), home.resolve("data/keycloak"), ports.keycloak(),
                ports.keycloakManagement(), root.resolve(RealmFiles.LOCAL),
                Map.of(RealmFiles.RECEPTION_SECRET, secrets.receptionClientSecret(),
                        RealmFiles.WEB_ORIGIN, "http://localhost:" + ports.http().gateway()),
                log("keycloak"), pid("keycloak"), progress);
    }

    /**
     * For {@code ./anchang up}: the office runs on after this JVM ends, until {@code ./anchang down}. Otherwise the office
     * belongs to the JVM that starts it (a system test's): {@link #close} stops it, and should that JVM be killed before
     * (no shutdown hook runs on SIGKILL), its watchdog ({@link OfficeWatchdog}) does.
     */
    public Office keepRunningAfterThisJvm() {
        ownedByThisJvm = false;
        return this;
    }

    public Office start() {
        List<String> taken = new ArrayList<>();
        ports.byPart().forEach((part, port) -> {
            if (Ports.taken(port)) {
                taken.add(part + " :" + port);
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("these ports are taken by other programs: " + String.join(", ", taken)
                    + " — is the office already up (./anchang status)? Otherwise stop what uses them.");
        }
        try {
            if (ownedByThisJvm && watchdog == null) {
                watchdog = OfficeWatchdog.start(home);
            }
            progress.say("starting the MongoDB stand-in (:" + ports.mongo() + "), Kafka (:" + ports.kafka()
                    + ") and Keycloak (:" + ports.keycloak() + ")");
            mongo.start();
            kafka.start();
            keycloak.start();
            // the services need none of these to boot (they connect when they can), so they start meanwhile
            services = new ServiceStack(root, home, ServiceStack.specs(ports.http(), ports.management(), secrets), endpoints(),
                    progress).launch();
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> {
                        mongo.awaitReady(TIMEOUT);
                        progress.say("the MongoDB stand-in is ready, data in " + home.resolve("data/mongo"));
                    }),
                    CompletableFuture.runAsync(() -> {
                        kafka.awaitReady(TIMEOUT);
                        progress.say("Kafka is ready");
                    }),
                    CompletableFuture.runAsync(() -> {
                        keycloak.awaitReady(TIMEOUT);
                        progress.say("Keycloak is ready, realm anchang at " + keycloak.issuer());
                    }),
                    CompletableFuture.runAsync(() -> services.awaitReady(TIMEOUT))).join();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e.getCause() instanceof RuntimeException cause && e instanceof java.util.concurrent.CompletionException ? cause : e;
        }
    }

    public Endpoints endpoints() {
        return new Endpoints(mongo.uri(), kafka.bootstrapServers(), keycloak.issuer(), keycloak.jwkSetUri(), keycloak.tokenUri());
    }

    /** This office's secrets (its data folder's): for tests that act as one of its services. */
    public OfficeSecrets secrets() {
        return secrets;
    }

    public String gatewayUrl() {
        return "http://localhost:" + ports.http().gateway();
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public ServiceStack services() {
        return services;
    }

    /** The broker, e.g. to stop and start it again while the services run (a test's fault). */
    public KafkaBroker kafka() {
        return kafka;
    }

    /** The MongoDB stand-in, e.g. to pause and resume its process (a test's fault). */
    public MongoStandInServer mongo() {
        return mongo;
    }

    public OfficePorts ports() {
        return ports;
    }

    public Path home() {
        return home;
    }

    /** Stops everything this office started: services and gateway first, then the infrastructure, then its watchdog. */
    @Override
    public void close() {
        if (services != null) {
            services.close();
            services = null;
        }
        CompletableFuture.allOf(
                CompletableFuture.runAsync(keycloak::stop),
                CompletableFuture.runAsync(kafka::stop),
                CompletableFuture.runAsync(mongo::stop)).join();
        if (watchdog != null) {
            // last: should this JVM be killed while closing, the watchdog stops the rest
            watchdog.destroy();
            watchdog = null;
        }
    }

    /** Stops an office started by another launcher run, from its pid files: the services and gateway, then the rest. */
    public static void stopAll(Path home, Progress progress) {
        stopInParallel(home, progress, List.of("gateway", "reception-service", "customer-service", "deal-service",
                "finance-service", "reporting-service"));
        stopInParallel(home, progress, List.of("keycloak", "kafka", "mongo"));
    }

    private static void stopInParallel(Path home, Progress progress, List<String> parts) {
        parts.parallelStream().forEach(part -> {
            Path pidFile = home.resolve("pids").resolve(part + ".pid");
            ManagedProcess.pid(pidFile).flatMap(ProcessHandle::of).ifPresent(handle -> {
                progress.say("stopping " + part);
                ManagedProcess.stop(handle, 30);
            });
            try {
                java.nio.file.Files.deleteIfExists(pidFile);
            } catch (java.io.IOException ignored) {
                // the process is gone either way
            }
        });
    }

    /** Which parts of an office run, from its pid files. */
    public static Map<String, Boolean> status(Path home) {
        Map<String, Boolean> parts = new java.util.LinkedHashMap<>();
        for (String part : List.of("mongo", "kafka", "keycloak", "reception-service", "customer-service", "deal-service",
                "finance-service", "reporting-service", "gateway")) {
            parts.put(part, ManagedProcess.pid(home.resolve("pids").resolve(part + ".pid"))
                    .flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false));
        }
        return parts;
    }

    static Path keycloakHome(Path root) {
        Path target = root.resolve("launcher/target");
        try (var dirs = java.nio.file.Files.list(target)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Keycloak is not unpacked in " + target
                            + "; build first: ./mvnw -DskipTests package"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the launcher is not built; build first: ./mvnw -DskipTests package", e);
        }
    }

    private Path log(String part) {
        return home.resolve("logs").resolve(part + ".log");
    }

    private Path pid(String part) {
        return home.resolve("pids").resolve(part + ".pid");
    }
}
