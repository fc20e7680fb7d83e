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
            default -> System.out.println("""
                    usage: ./anchang up       start the office (MongoDB stand-in, Kafka, Keycloak, services, gateway) with demo data
                           ./anchang down     stop it (the data stays in .anchang/data)
                           ./anchang status   which parts run
                           ./anchang logs [part]   follow a part's log (gateway, reception-service, keycloak, kafka, mongo, ...)
                           ./anchang reset    delete the office's data (.anchang/data: customers, sites, Keycloak, its secrets); the office must be down""");
        }
    }

    private static void up(Path root, Path home, Progress progress) {
        if (Office.status(home).values().stream().anyMatch(Boolean::booleanValue)) {
            System.out.println("The office is already (partly) up; ./anchang status shows what runs, ./anchang down stops it.");
            System.exit(1);
        }
        Office office;
        try {
            office = new Office(root, home, OfficePorts.defaults(), progress).start();
            new DemoData(office.gatewayUrl(), office.keycloak(), root.resolve("launcher/src/main/resources/keycloak/anchang-realm.json"),
                    progress).seed();
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
        System.out.println("  API documents   http://localhost:8081/v3/api-docs … :8085/v3/api-docs");
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
