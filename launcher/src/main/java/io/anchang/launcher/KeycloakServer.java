package io.anchang.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A real Keycloak, from the distribution that the build unpacks into {@code launcher/target},
 * run in development mode as a process of its own and serving the realm {@code anchang}.
 *
 * <p>Its issuer is exactly {@code http://localhost:<httpPort>/realms/anchang} (pinned with
 * {@code --hostname}), whatever address a caller uses. Its database (H2 on disk) and
 * transaction logs live in {@code dataDir}, never in the distribution, so that several
 * Keycloaks (the developer's office, a system test's) run side by side from one unpacked
 * distribution, each with its own data folder and ports. They must all be started through
 * this class: the distribution holds one build of Keycloak, and a start with other build
 * options (say, without health checks) rebuilds it under the feet of the others.
 *
 * <p>The realm file is imported into a new database, its placeholders filled ({@link RealmFiles#render}): the
 * office's own client secrets and the web origin, so that no secret is in the repository. When what is imported
 * changes (its SHA-256 is kept in {@code dataDir}), the next start begins with a new database, so that changed
 * roles, clients and users take effect; while it is unchanged, the data is kept (changed passwords, sessions).
 */
public final class KeycloakServer {

    public static final String REALM = "anchang";
    /** The public client that may use the password grant: seeding, system tests, benchmarks. Local only. */
    public static final String CLI_CLIENT = "anchang-cli";
    /** The public client of the web application in the gateway (authorization code with PKCE). */
    public static final String WEB_CLIENT = "anchang-web";
    /** Keycloak's own administrator (realm {@code master}), created on the first start. */
    public static final String ADMIN_USERNAME = "kcadmin";
    public static final String ADMIN_PASSWORD = "kcadmin-local";

    /** Explicit, beside a dozen other JVMs (kc.sh would take 512 MB, or 70% of a container's memory). */
    static final String HEAP = "-Xms256m -Xmx768m";
    static final String IMPORTED_REALM_FILE = REALM + "-realm.json";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ERROR_DESCRIPTION = Pattern.compile("\"error_description\"\\s*:\\s*\"([^\"]*)\"");

    private final Path home;
    private final Path dataDir;
    private final int httpPort;
    private final int managementPort;
    private final Path realmFile;
    private final Map<String, String> placeholders;
    private final Path pidFile;
    private final Progress progress;
    private final ManagedProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The SHA-256 of the realm file being imported by the running start; recorded once Keycloak is ready. */
    private volatile String importing;

    /**
     * @param home           the unpacked distribution, e.g. {@code launcher/target/keycloak-26.5.6}
     * @param dataDir        this Keycloak's own folder: database, transaction logs, the imported realm
     * @param httpPort       OpenID Connect, the login pages and the admin console
     * @param managementPort health ({@code /health/ready})
     * @param realmFile      the realm {@code anchang} as JSON
     * @param placeholders   the values of its placeholders ({@code ANCHANG_RECEPTION_CLIENT_SECRET}, {@code ANCHANG_WEB_ORIGIN})
     */
    public KeycloakServer(Path home, Path dataDir, int httpPort, int managementPort, Path realmFile, Map<String, String> placeholders,
                          Path logFile, Path pidFile, Progress progress) {
        this.home = home.toAbsolutePath().normalize();
        this.dataDir = dataDir.toAbsolutePath().normalize();
        if (this.dataDir.toString().contains(";")) {
            throw new IllegalArgumentException("Keycloak's data folder must not contain ';' (it goes into a JDBC URL): " + dataDir);
        }
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.realmFile = realmFile;
        this.placeholders = Map.copyOf(placeholders);
        this.pidFile = pidFile;
        this.progress = progress;
        this.process = new ManagedProcess("keycloak", command(), environment(), logFile, pidFile);
    }

    /**
     * Starts Keycloak and returns at once; {@link #awaitReady} waits for it. A new database
     * (first start, or a changed realm file) gets the realm imported.
     */
    public KeycloakServer start() {
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked in " + home + "; build first: ./mvnw -DskipTests package");
        }
        if (!Files.isRegularFile(realmFile)) {
            throw new IllegalStateException("no realm file " + realmFile);
        }
        alreadyRunning().ifPresent(pid -> {
            throw new IllegalStateException("a Keycloak (pid " + pid + ") already runs with the data in " + dataDir
                    + "; stop it first (./anchang down)");
        });
        for (int port : List.of(httpPort, managementPort)) {
            // else the readiness check would be answered by whatever listens there
            if (Ports.taken(port)) {
                throw new IllegalStateException("Keycloak cannot start: another program listens on port " + port);
            }
        }
        try {
            byte[] realm = RealmFiles.render(Files.readString(realmFile, StandardCharsets.UTF_8), placeholders)
                    .getBytes(StandardCharsets.UTF_8);
            String hash = sha256(realm);
            Path database = dataDir.resolve("h2");
            Path databaseFile = database.resolve("keycloakdb.mv.db");
            boolean hasDatabase = Files.exists(databaseFile);
            if (hasDatabase && locked(databaseFile)) {
                throw new IllegalStateException("another Keycloak uses the database in " + database + "; stop it first");
            }
            if (hasDatabase && !hash.equals(recordedRealmHash().orElse(null))) {
                progress.say("Keycloak: the realm (its file or this office's secrets and ports) changed since it was imported; "
                        + "starting with a new database to import it again");
                deleteRecursively(database);
                hasDatabase = false;
            }
            // the startup import reads this folder; it skips a realm that exists, so a kept database keeps its data
            Path imports = Files.createDirectories(dataDir.resolve("import"));
            // it holds the office's secrets: readable by the owner only, like the secrets file it came from
            Path imported = imports.resolve(IMPORTED_REALM_FILE);
            Files.deleteIfExists(imported);
            Files.createFile(imported);
            if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(imported, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(imported, realm);
            importing = hasDatabase ? null : hash;
            if (!hasDatabase) {
                Files.deleteIfExists(realmHashFile());
                progress.say("Keycloak: importing realm " + REALM + " into a new database in " + database);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak's data in " + dataDir, e);
        }
        if (!builtForDevelopment()) {
            progress.say("Keycloak builds itself for development mode first (once per unpacked distribution, about 30 s)");
        }
        process.start();
        return this;
    }

    /**
     * Waits until Keycloak is ready and serves the realm under the expected issuer. If the process dies while starting,
     * starts it once more ({@link #startOnceMore}), with {@code timeout} again; fails, with the end of its log, if it dies
     * a second time, or if it lives on without answering within {@code timeout}.
     */
    public void awaitReady(Duration timeout) {
        try {
            awaitHealth(timeout);
        } catch (Readiness.StoppedWhileStarting died) {
            // a loaded machine's H2 can fail Keycloak's start ("Acquisition timeout … Reading from file failed");
            // one that lives on past its deadline is not started again (a second start would fare no better)
            startOnceMore();
            try {
                awaitHealth(timeout);
            } catch (Readiness.StoppedWhileStarting again) {
                throw new IllegalStateException("Keycloak stopped while starting, and again when started once more; its log ("
                        + process.log() + ") ends:\n" + process.tail(30), again);
            }
        }
        String discovery = get(local(issuer()) + "/.well-known/openid-configuration");
        if (!discovery.contains("\"issuer\":\"" + issuer() + "\"")) {
            throw new IllegalStateException("Keycloak is up but does not name its issuer " + issuer() + ": " + discovery);
        }
        String imported = importing;
        if (imported != null) {
            try {
                Files.writeString(realmHashFile(), imported + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the imported realm in " + dataDir, e);
            }
            importing = null;
        }
    }

    private void awaitHealth(Duration timeout) {
        Readiness.awaitHttp("Keycloak", process, "http://127.0.0.1:" + managementPort + "/health/ready",
                response -> response.statusCode() == 200, timeout);
    }

    /**
     * Starts Keycloak again after it died while starting. When that start was making a new database (its realm's hash is
     * recorded only once Keycloak is ready, so none is recorded yet), what it wrote may be half a database: its data folder
     * goes, and the second start imports the realm into a new one. A kept database stays — H2 keeps its last commit
     * through a crash, and it holds the office's Keycloak data (changed passwords, sessions).
     */
    private void startOnceMore() {
        progress.say("Keycloak stopped while starting; starting it once more (its log: " + process.log() + ")");
        process.stop(30); // what is left of it: a build's JVM beside the script
        process.note("Keycloak stopped while starting; the launcher starts it once more");
        if (importing != null) {
            try {
                deleteRecursively(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the database of Keycloak's failed start in " + dataDir, e);
            }
        }
        start();
    }

    /** Stops Keycloak (the script and the JVM it started), also one started by another launcher run. */
    public void stop() {
        process.stop(30);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The issuer, exactly as tokens name it: {@code http://localhost:<port>/realms/anchang}. */
    public String issuer() {
        return "http://localhost:" + httpPort + "/realms/" + REALM;
    }

    public String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public ManagedProcess process() {
        return process;
    }

    /** The realm's token endpoint, as services on this machine reach it. */
    public String tokenUri() {
        return local(issuer()) + "/protocol/openid-connect/token";
    }

    /** An access token of a realm user, by the password grant of {@value #CLI_CLIENT}. */
    public String token(String username, String password) {
        return grant(username, Map.of("grant_type", "password", "client_id", CLI_CLIENT, "username", username, "password", password));
    }

    /** An access token of a confidential client's own identity, by the client-credentials grant. */
    public String clientToken(String clientId, String secret) {
        return grant(clientId, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String grant(String who, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = send(request);
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            Matcher error = ERROR.matcher(response.body());
            Matcher description = ERROR_DESCRIPTION.matcher(response.body());
            throw new IllegalStateException("Keycloak gave no token to " + who + " (HTTP " + response.statusCode() + "): "
                    + (error.find() ? error.group(1) + (description.find() ? ", " + description.group(1) : "") : response.body()));
        }
        return token.group(1);
    }

    /**
     * {@code kc.sh start-dev} with every option that places this Keycloak: its ports on the
     * loopback interface, its issuer, its database and transaction logs in {@code dataDir}, the
     * startup import from {@code dataDir/import}. Health checks are a build option.
     */
    List<String> command() {
        return List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--hostname=http://localhost:" + httpPort,
                "--db-url=jdbc:h2:file:" + dataDir.resolve("h2").resolve("keycloakdb")
                        + ";NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=0",
                // what --import-realm does, from this Keycloak's folder instead of the distribution's data/import
                "-Dkeycloak.migration.dir=" + dataDir.resolve("import"),
                "-Dquarkus.transaction-manager.object-store.directory=" + dataDir.resolve("transaction-logs"));
    }

    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_OPTS", ""); // kc.sh ignores JAVA_OPTS_KC_HEAP when JAVA_OPTS is set
        environment.put("JAVA_OPTS_KC_HEAP", HEAP);
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return environment;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path realmHashFile() {
        return dataDir.resolve("realm.sha256");
    }

    private Optional<String> recordedRealmHash() throws IOException {
        Path file = realmHashFile();
        return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    }

    /** A live Keycloak recorded in the pid file (a stale pid of another program does not count). */
    private Optional<Long> alreadyRunning() {
        return ManagedProcess.pid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains("kc.sh") || line.contains("quarkus"))
                        .orElse(true))
                .map(ProcessHandle::pid);
    }

    /** Whether a running H2 (another Keycloak) holds the database file: it locks it while open. */
    private static boolean locked(Path databaseFile) throws IOException {
        try (FileChannel channel = FileChannel.open(databaseFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException heldHere) {
            return true;
        }
    }

    /** Whether the distribution is already built for {@code start-dev} (else the first start builds it). */
    private boolean builtForDevelopment() {
        Path generated = home.resolve("lib/quarkus/generated-bytecode.jar");
        if (!Files.exists(generated)) {
            return false;
        }
        try (ZipFile jar = new ZipFile(generated.toFile())) {
            var entry = jar.getEntry("META-INF/keycloak-persisted.properties");
            if (entry == null) {
                return false;
            }
            Properties persisted = new Properties();
            try (InputStream in = jar.getInputStream(entry)) {
                persisted.load(in);
            }
            return "dev".equals(persisted.getProperty("kc.profile")) && "true".equals(persisted.getProperty("kc.health-enabled"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String local(String url) {
        return url.replaceFirst("^http://localhost:", "http://127.0.0.1:");
    }

    private String get(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak answered " + response.statusCode() + " to " + url);
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak at " + request.uri() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
