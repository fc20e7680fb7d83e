package io.anchang.launcher;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for {@code kc.sh start-dev} in the launcher's tests (a script {@code bin/kc.sh} runs it with the
 * arguments the launcher gives Keycloak): a process of its own that the real {@link KeycloakServer} starts,
 * watches and stops. What it does is written in {@code <home>/behaviour}:
 * <ul>
 *   <li>{@code dies-on-first-start}: the first start writes a half database and dies as the loaded machine's
 *       Keycloak did; a later start serves health and the realm's discovery document;</li>
 *   <li>{@code dies-always}: every start writes a half database and dies;</li>
 *   <li>{@code never-ready}: lives on and never answers.</li>
 * </ul>
 * Each start appends a line to {@code <home>/starts}: what it found — the database, the realm to import.
 */
public final class StandInKeycloak {

    static final String HALF_WRITTEN = "half-written by a start that died";

    private StandInKeycloak() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Map<String, String> options = new HashMap<>();
        for (String arg : List.of(args).subList(1, args.length)) {
            String option = arg.startsWith("-D") ? arg.substring(2) : arg.replaceFirst("^--", "");
            int equals = option.indexOf('=');
            if (equals > 0) {
                options.put(option.substring(0, equals), option.substring(equals + 1));
            }
        }
        String behaviour = Files.readString(home.resolve("behaviour")).trim();
        Path database = Path.of(options.get("db-url").replaceFirst("^jdbc:h2:file:", "").replaceFirst(";.*$", "") + ".mv.db");
        Path realm = Path.of(options.get("keycloak.migration.dir")).resolve(KeycloakServer.IMPORTED_REALM_FILE);
        Path starts = home.resolve("starts");
        long start = (Files.exists(starts) ? Files.readAllLines(starts).size() : 0) + 1;
        String found = !Files.exists(database) ? "none" : Files.readString(database).equals(HALF_WRITTEN) ? "half" : "whole";
        Files.writeString(starts, "start " + start + " database=" + found + " realm="
                        + (Files.exists(realm) ? KeycloakServer.sha256(Files.readAllBytes(realm)) : "none") + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("stand-in Keycloak, start " + start + ": " + behaviour);
        boolean dies = behaviour.equals("dies-always") || behaviour.equals("dies-on-first-start") && start == 1;
        if (dies) {
            Files.createDirectories(database.getParent());
            Files.writeString(database, HALF_WRITTEN);
            System.out.println("ERROR: Acquisition timeout while waiting for new connection; Reading from file failed");
            System.exit(1);
        }
        if (behaviour.equals("never-ready")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        if (!found.equals("none")) {
            // a database a failed start left behind is no ground to import on
            System.out.println("ERROR: found a database where a new one was expected");
            System.exit(2);
        }
        Files.createDirectories(database.getParent());
        Files.writeString(database, "whole");
        String issuer = options.get("hostname") + "/realms/" + KeycloakServer.REALM;
        serve(Integer.parseInt(options.get("http-management-port")), "/health/ready", "{\"status\":\"UP\"}");
        serve(Integer.parseInt(options.get("http-port")), "/realms/" + KeycloakServer.REALM + "/.well-known/openid-configuration",
                "{\"issuer\":\"" + issuer + "\"}");
        System.out.println("stand-in Keycloak ready");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void serve(int port, String path, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10);
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }
}
