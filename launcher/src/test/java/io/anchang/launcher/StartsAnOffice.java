package io.anchang.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JVM that starts an office's set of processes as {@link Office} does — its watchdog first, then each part as a
 * {@link ManagedProcess} with its pid file in {@code <home>/pids} — and lives on until it is killed. The parts stand in
 * for the office's (a long {@code sleep}); Keycloak's is a script with a child of its own, as {@code kc.sh} has while
 * Keycloak builds itself. Prints {@code office <pid> …}: the watchdog's, each part's and their children's.
 */
public final class StartsAnOffice {

    static final List<String> PARTS = List.of("mongo", "kafka", "keycloak", "deal-service", "gateway");

    private StartsAnOffice() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Process watchdog = OfficeWatchdog.start(home);
        List<ProcessHandle> office = new ArrayList<>(List.of(watchdog.toHandle()));
        // on a loaded machine its JVM may come up after this one is killed (then it stops the office at once); the test
        // means the usual case, a watchdog already watching
        Path log = home.resolve("logs").resolve("watchdog.log");
        while (!(Files.exists(log) && Files.readString(log).contains("watching"))) {
            if (!watchdog.isAlive()) {
                throw new IllegalStateException("the watchdog died: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        for (String part : PARTS) {
            List<String> command = part.equals("keycloak") ? List.of("sh", "-c", "sleep 900 & wait") : List.of("sleep", "900");
            new ManagedProcess(part, command, Map.of(), home.resolve("logs").resolve(part + ".log"),
                    home.resolve("pids").resolve(part + ".pid")).start();
            ProcessHandle handle = ProcessHandle.of(ManagedProcess.pid(home.resolve("pids").resolve(part + ".pid")).orElseThrow())
                    .orElseThrow();
            office.add(handle);
            if (part.equals("keycloak")) {
                while (handle.children().findAny().isEmpty()) {
                    Thread.sleep(50);
                }
                office.addAll(handle.children().toList());
            }
        }
        System.out.println("office " + office.stream().map(h -> Long.toString(h.pid())).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
