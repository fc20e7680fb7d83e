package io.anchang.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Stops an office when the JVM that started it is gone without stopping it — killed ({@code kill -9}, a cancelled CI
 * job), where no shutdown hook runs — so that no Keycloak, Kafka, stand-in or service is left running behind it.
 *
 * <p>A small JVM of its own, a child of the starting JVM: it checks every second that its parent is still that JVM
 * (a child whose parent dies is handed to another at once; a pid used again cannot fool that), then stops whatever the
 * office's pid files name, as {@code ./anchang down} does: the services and the gateway, then the rest. The office's
 * parts keep their pid files current (a part restarted by a test writes its new pid). {@link Office#close} stops the
 * watchdog after the office.
 */
final class OfficeWatchdog {

    private static final Duration EVERY = Duration.ofSeconds(1);

    private OfficeWatchdog() {
    }

    /** Starts the watchdog of the office in {@code home} for this JVM; its log is {@code home/logs/watchdog.log}. */
    static Process start(Path home) {
        Path log = home.resolve("logs").resolve("watchdog.log");
        try {
            Files.createDirectories(log.getParent());
            List<String> command = List.of(ServiceStack.java(), "-Xms8m", "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xss512k", "-cp", launcherClasses().toString(), OfficeWatchdog.class.getName(),
                    Long.toString(ProcessHandle.current().pid()), home.toAbsolutePath().toString());
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the office's watchdog", e);
        }
    }

    /** {@code <pid of the starting JVM> <office folder>} */
    public static void main(String[] args) throws InterruptedException {
        long starter = Long.parseLong(args[0]);
        Path home = Path.of(args[1]);
        Progress progress = new Progress(System.out);
        progress.say("watching the JVM that started the office in " + home + " (pid " + starter + ")");
        while (startedByAndAlive(starter)) {
            Thread.sleep(EVERY.toMillis());
        }
        progress.say("the JVM that started the office (pid " + starter + ") is gone; stopping the office");
        Office.stopAll(home, progress);
        progress.say("the office is stopped");
    }

    private static boolean startedByAndAlive(long starter) {
        return ProcessHandle.current().parent().filter(parent -> parent.pid() == starter).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Where this class was loaded from: the launcher's classes folder or jar, all the watchdog needs. */
    private static Path launcherClasses() {
        try {
            return Path.of(OfficeWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
