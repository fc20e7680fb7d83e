package io.anchang.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./anchang up | down | status | logs [part] | reset}: the office on one machine.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path home = root.resolve(".anchang");
        String command = args.length == 0 ? "help" : args[0];
        Progress progress = new Progress(System.out);
        switch (command) {
            case "up" -> up(root, home, progress);
            case "down" -> {
                Office.stopAll(home, progress);
                progress.say("the office is down; its data stays in " + home.resolve("data"));
            }
            case "status" -> status(home);
            case "reset" -> reset(home);
            case "logs" -> logs(home, args.length > 1 ? args[1] : null);
            case "replay-dead-letters" -> replayDeadLetters(root, home, progress);
            case "republish-parked" -> republishParked(root, home, progress);
            default -> System.out.println("""
                    usage: ./anchang up       start the office (MongoDB stand-in, Kafka, Keycloak, services, gateway) with demo data
                           ./anchang down     stop it (the data stays in .anchang/data)
                           ./anchang status   which parts run
                           ./anchang logs [part]   follow a part's log (gateway, reception-service, keycloak, kafka, mongo, ...)
                           ./anchang reset    delete the office's data (.anchang/data: customers, sites, Keycloak, its secrets); the office must be down
                           ./anchang replay-dead-letters   after a fix, apply every service's dead letters (as ADMIN; once each)
                           ./anchang republish-parked      after a fix, send again the outbox events the broker refused for good (as ADMIN)""");
        }
    }

    private static void up(Path root, Path home, Progress progress) {
        if (Office.status(home).values().stream().anyMatch(Boolean::booleanValue)) {
            System.out.println("The office is already (partly) up; ./anchang status shows what runs, ./anchang down stops it.");
            System.exit(1);
        }
        Office office;
        try {
            office = new Office(root, home, OfficePorts.defaults(), progress).keepRunningAfterThisJvm().start();
            new DemoData(office.gatewayUrl(), office.keycloak(), root.resolve("launcher/src/main/resources/keycloak/anchang-realm.json"),
                    progress).seed();
            warmUp(office, progress);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("The office did not come up: " + e.getMessage());
            System.err.println("Logs are in " + home.resolve("logs") + "; everything started was stopped again.");
            System.exit(1);
            return;
        }
        progress.say("the office is up in " + progress.elapsed().toSeconds() + " s");
        System.out.println();
        System.out.println("  案场 Anchang     " + office.gatewayUrl() + "/");
        System.out.println("  Keycloak        http://localhost:" + office.ports().keycloak() + "/admin  (kcadmin / kcadmin-local)");
        System.out.println("  API documents   http://localhost:" + office.ports().management().reception() + "/actuator/openapi … :"
                + office.ports().management().reporting() + "/actuator/openapi  (management ports; the gateway does not route them)");
        System.out.println();
        System.out.println("  Demo logins (password " + DemoData.PASSWORD + "):");
        for (DemoData.DemoUser user : DemoData.users(root.resolve("launcher/src/main/resources/keycloak/anchang-realm.json"))) {
            System.out.printf("    %-16s %-6s %-13s %s%n", user.username(), user.name(), user.role(),
                    user.sites().isEmpty() ? "all sites (read)" : String.join(",", user.sites()));
        }
        System.out.println();
        System.out.println("  ./anchang status · ./anchang logs gateway · ./anchang down");
        // the parts run on as processes of their own; this launcher's work is done
        System.exit(0);
    }

    /**
     * The office's request paths compiled before its first rush ({@link WarmUp}): {@code ANCHANG_WARM_UP} requests
     * (6,000 by default, 0 for none), at most a minute; a warm-up that fails leaves the office up.
     */
    private static void warmUp(Office office, Progress progress) {
        int requests = Integer.parseInt(System.getenv().getOrDefault("ANCHANG_WARM_UP", "6000").trim());
        if (requests <= 0) {
            return;
        }
        progress.say("warming up the office: " + requests + " of the demo staff's everyday requests through the gateway "
                + "(nothing is written; ANCHANG_WARM_UP=0 skips it)");
        try {
            // each user's share within half of the gateway's limit (anchang.gateway.limits: 600 per 10 s unless raised)
            int limit = Integer.parseInt(System.getenv().getOrDefault("ANCHANG_GATEWAY_REQUESTS_PER_PERIOD", "600").trim());
            WarmUp warmUp = new WarmUp(office.gatewayUrl(), user -> office.keycloak().token(user, DemoData.PASSWORD), progress,
                    WarmUp.spacingWithin(limit, java.time.Duration.ofSeconds(10)));
            List<WarmUp.Call> calls = WarmUp.everyday(new java.util.TreeSet<>(DemoData.SITES.keySet()));
            int answered = warmUp.run(calls, requests, 16, java.time.Duration.ofSeconds(60));
            // then 200 at once per service: a rush of 200 finds the gateway's connections to each service open
            answered += warmUp.wide(calls, 200, java.time.Duration.ofSeconds(30));
            progress.say("warmed up: " + answered + " requests answered");
        } catch (RuntimeException | InterruptedException e) {
            progress.say("the warm-up stopped early (" + e.getMessage() + "); the office is up all the same");
        }
    }

    /**
     * Asks every service, as an ADMIN ({@code ANCHANG_ADMIN_USER}/{@code ANCHANG_ADMIN_PASSWORD},
     * the demo {@code admin} by default), to replay its dead letters; exits 4 if any are left.
     */
    private static void replayDeadLetters(Path root, Path home, Progress progress) {
        Office office = new Office(root, home, OfficePorts.defaults(), progress);
        String user = System.getenv().getOrDefault("ANCHANG_ADMIN_USER", "admin");
        String password = System.getenv().getOrDefault("ANCHANG_ADMIN_PASSWORD", DemoData.PASSWORD);
        String token = office.keycloak().token(user, password);
        Api api = new Api(office.gatewayUrl());
        int left = 0;
        for (String service : List.of("reception", "customers", "deals", "finance", "reports")) {
            var replay = api.send(token, "POST", "/api/" + service + "/dead-letters/replay", null, java.util.Set.of(200)).body();
            System.out.printf("  %-10s replayed %d, still failing %d, left %d%n", service, replay.path("replayed").asInt(),
                    replay.path("stillFailing").size(), replay.path("pending").asInt());
            replay.path("stillFailing").forEach(letter -> System.out.printf("      %s %s: %s%n", letter.path("type").asString(),
                    letter.path("eventId").asString(), letter.path("reason").asString()));
            left += replay.path("pending").asInt();
        }
        System.exit(left == 0 ? 0 : 4);
    }

    /**
     * Asks every service, as an ADMIN (as {@link #replayDeadLetters}), to republish the outbox events the broker refused
     * for good (parked); exits 4 if any are left.
     */
    private static void republishParked(Path root, Path home, Progress progress) {
        Office office = new Office(root, home, OfficePorts.defaults(), progress);
        String user = System.getenv().getOrDefault("ANCHANG_ADMIN_USER", "admin");
        String password = System.getenv().getOrDefault("ANCHANG_ADMIN_PASSWORD", DemoData.PASSWORD);
        String token = office.keycloak().token(user, password);
        Api api = new Api(office.gatewayUrl());
        long left = 0;
        for (String service : List.of("reception", "customers", "deals", "finance", "reports")) {
            var republish = api.send(token, "POST", "/api/" + service + "/outbox/parked/republish", null, java.util.Set.of(200)).body();
            System.out.printf("  %-10s republished %d, document gone %d, left %d%n", service, republish.path("republished").asInt(),
                    republish.path("notFound").size(), republish.path("pending").asLong());
            republish.path("notFound").forEach(event -> System.out.printf("      %s %s of %s %s: its document is gone%n",
                    event.path("type").asString(), event.path("eventId").asString(), event.path("collection").asString(),
                    event.path("documentId").asString()));
            left += republish.path("pending").asLong();
        }
        System.exit(left == 0 ? 0 : 4);
    }

    private static void reset(Path home) throws java.io.IOException {
        if (Office.status(home).values().stream().anyMatch(Boolean::booleanValue)) {
            System.out.println("The office is (partly) up; stop it first: ./anchang down");
            System.exit(1);
        }
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        System.out.println("deleted " + data + "; ./anchang up starts a new office with new secrets and the demo data");
    }

    private static void status(Path home) {
        Map<String, Boolean> parts = Office.status(home);
        parts.forEach((part, up) -> System.out.printf("  %-18s %s%n", part, up ? "running" : "stopped"));
        System.exit(parts.values().stream().allMatch(Boolean::booleanValue) ? 0 : 3);
    }

    private static void logs(Path home, String part) throws Exception {
        List<Path> logs;
        try (var files = Files.list(home.resolve("logs"))) {
            logs = files.filter(p -> part == null || p.getFileName().toString().equals(part + ".log")).sorted().toList();
        }
        if (logs.isEmpty()) {
            System.out.println("no log " + (part == null ? "" : "of " + part + " ") + "in " + home.resolve("logs"));
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of("tail", "-n", "50", "-F"));
        logs.forEach(p -> command.add(p.toString()));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
