package io.anchang.systemtest;

import io.anchang.launcher.DemoData;
import io.anchang.launcher.Office;
import io.anchang.launcher.OfficePorts;
import io.anchang.launcher.Progress;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one office of a system-test run: started by the run command's launcher (a real Kafka
 * broker, the MongoDB stand-in on disk, a real Keycloak, the services and the gateway, the
 * demo data) on free ports and a data folder of its own, the first time a test class asks
 * for it, and stopped when the test JVM ends. Every system-test class shares it; classes
 * that disturb the office (restarts, stopped services, injected faults) are ordered last
 * (see {@code junit-platform.properties} and the {@code @Order} of each class).
 */
final class TheOffice {

    static final Path ROOT = Path.of(System.getProperty("anchang.root", "..")).toAbsolutePath().normalize();
    static final Path REALM = ROOT.resolve("launcher/src/main/resources/keycloak/anchang-realm.json");
    static final OfficePorts PORTS = OfficePorts.free();

    /** Reused tokens must outlive the longest wait of a test that holds one (the realm's tokens live 15 minutes). */
    private static final Duration TOKEN_LEFT = Duration.ofMinutes(8);
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, Object> SIGNING_IN = new ConcurrentHashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SIGN_INS = new AtomicInteger();
    private static final AtomicInteger REUSED = new AtomicInteger();

    private static Path home;
    private static Office office;
    private static WebTestClient gateway;
    private static CompletableFuture<Map<String, String>> apiDocuments;

    private TheOffice() {
    }

    /** The running office, started (and seeded) on first use. */
    static synchronized Office office() {
        if (office == null) {
            try {
                home = Files.createTempDirectory("anchang-office");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            office = start();
            Runtime.getRuntime().addShutdownHook(new Thread(TheOffice::stop, "stop-the-office"));
            // a service makes its OpenAPI document on the first request, tens of seconds on a crowded machine:
            // asked for in the background now, while the other classes run, for the fuzz, which runs last
            Office started = office;
            apiDocuments = CompletableFuture.supplyAsync(() -> FuzzSystemTest.apiDocuments(started));
        }
        return office;
    }

    /**
     * The services' OpenAPI documents by module, as they answered after the office first started (the
     * same code since, whatever restarts came); empty if they could not be read, and then asked for again.
     */
    static Map<String, String> apiDocuments() {
        CompletableFuture<Map<String, String>> asked;
        synchronized (TheOffice.class) {
            office();
            asked = apiDocuments;
        }
        try {
            return asked.join();
        } catch (RuntimeException unread) {
            return Map.of();
        }
    }

    /** A client of the office's gateway, as users reach it. */
    static synchronized WebTestClient gateway() {
        Office running = office();
        if (gateway == null) {
            // an audit trail of a thousand entries is more than the default 256 KB a body may buffer
            gateway = WebTestClient.bindToServer().baseUrl(running.gatewayUrl()).responseTimeout(Duration.ofSeconds(30))
                    .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20)).build();
        }
        return gateway;
    }

    /** The office's folder: data, logs, pid files. */
    static synchronized Path home() {
        office();
        return home;
    }

    /** Stops every part and starts the office again on the same data (the demo seeding changes nothing that is there). */
    static synchronized Office restart() {
        office().close();
        TOKENS.clear(); // signed in again at the restarted Keycloak
        office = start();
        gateway = null;
        return office;
    }

    /**
     * A demo user's access token (password grant at the office's Keycloak), reused while it has more than
     * {@link #TOKEN_LEFT} to live: a grant hashes the password, a few hundred milliseconds of a crowded
     * machine's CPU, and the tests ask for thousands. A test about signing in itself asks Keycloak directly.
     * One user signs in once at a time: threads asking together for a token due to be renewed wait for the
     * one grant (with brute-force detection on, Keycloak 26 refuses concurrent logins of one user by default:
     * "Invalid user credentials" for all but one).
     */
    static String token(String username) {
        Office running = office();
        synchronized (SIGNING_IN.computeIfAbsent(username, user -> new Object())) {
            Token cached = TOKENS.get(username);
            if (cached == null || cached.expires().minus(TOKEN_LEFT).isBefore(Instant.now())) {
                String fresh = running.keycloak().token(username, DemoData.PASSWORD);
                SIGN_INS.incrementAndGet();
                cached = new Token(fresh, expiry(fresh));
                TOKENS.put(username, cached);
            } else {
                REUSED.incrementAndGet();
            }
            return cached.value();
        }
    }

    /** The {@code exp} of a JWT (its payload is not verified here: the services do that). */
    private static Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        return Instant.ofEpochSecond(payload.path("exp").asLong());
    }

    private record Token(String value, Instant expires) {
    }

    /** The token of a site's demo manager ({@code sh01-manager}, {@code hz01-manager}). */
    static String manager(String site) {
        return token(site.toLowerCase() + "-manager");
    }

    private static Office start() {
        Progress progress = new Progress(System.out);
        Office started = new Office(ROOT, home, PORTS, progress).start();
        try {
            new DemoData(started.gatewayUrl(), started.keycloak(), REALM, progress).seed();
        } catch (RuntimeException e) {
            started.close(); // no office left running behind a run that could not seed it
            throw e;
        }
        return started;
    }

    private static synchronized void stop() {
        System.out.printf("the system tests signed in %d times and reused a token %d times%n", SIGN_INS.get(), REUSED.get());
        if (office != null) {
            office.close();
            office = null;
        }
    }
}
