package io.anchang.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * An office belongs to the JVM that started it (a system test's): when that JVM is killed — a cancelled CI job,
 * {@code kill -9}, where no shutdown hook runs — the office's watchdog stops its processes.
 */
class OfficeWatchdogTest {

    private static final Duration GENEROUS = Duration.ofMinutes(3);

    @TempDir
    Path folder;

    @Test
    @DisplayName("when the JVM that started an office is killed (SIGKILL), its watchdog stops the office's processes")
    void whenTheStartingJvmIsKilledTheWatchdogStopsTheOffice() throws Exception {
        Path home = folder.resolve("office");
        Path output = folder.resolve("starter.out");
        Process starter = new ProcessBuilder(ServiceStack.java(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), StartsAnOffice.class.getName(), home.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        List<ProcessHandle> office = new ArrayList<>();
        try {
            office.addAll(started(starter, output));
            assertThat(office).hasSize(1 + StartsAnOffice.PARTS.size() + 1).allMatch(ProcessHandle::isAlive);

            starter.destroyForcibly();
            assertThat(starter.waitFor(1, TimeUnit.MINUTES)).isTrue();

            long until = System.nanoTime() + GENEROUS.toNanos();
            while (office.stream().anyMatch(OfficeWatchdogTest::running) && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            assertThat(office.stream().filter(OfficeWatchdogTest::running).map(ProcessHandle::pid).toList())
                    .as("the office's processes still running; the watchdog said: %s", read(home.resolve("logs/watchdog.log")))
                    .isEmpty();
            try (var pidFiles = Files.list(home.resolve("pids"))) {
                assertThat(pidFiles.toList()).as("pid files left").isEmpty();
            }
        } finally {
            starter.destroyForcibly();
            office.forEach(ProcessHandle::destroyForcibly); // whatever this test started, if the watchdog failed
        }
    }

    @Test
    @DisplayName("an office belongs to the JVM that starts it and gets a watchdog; one of ./anchang up runs on after it and gets none")
    void onlyAnOfficeThatBelongsToItsJvmGetsAWatchdog() throws IOException {
        // a project whose parts cannot start (no libraries): the office starts its watchdog, then fails at Kafka's storage
        Path root = folder.resolve("project");
        Files.createDirectories(root.resolve("launcher/target/lib"));
        Files.createDirectories(root.resolve("launcher/target/keycloak-stand-in"));

        Path owned = folder.resolve("owned");
        Office ofATest = new Office(root, owned, OfficePorts.free(), new Progress(System.out));
        assertThatThrownBy(ofATest::start).hasMessageContaining("Kafka");
        assertThat(owned.resolve("logs/watchdog.log")).exists();

        Path detached = folder.resolve("detached");
        Office ofUp = new Office(root, detached, OfficePorts.free(), new Progress(System.out)).keepRunningAfterThisJvm();
        assertThatThrownBy(ofUp::start).hasMessageContaining("Kafka");
        assertThat(detached.resolve("logs")).exists();
        assertThat(detached.resolve("logs/watchdog.log")).doesNotExist();
    }

    /**
     * Alive and not a zombie: a killed orphan stays in the process table until whoever adopted it reaps it (a container's
     * first process may never do so), and the JDK counts it as alive meanwhile.
     */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return !Files.isDirectory(Path.of("/proc")) && process.isAlive();
        }
    }

    /** The processes the starting JVM printed: its watchdog, the parts, their children. */
    private static List<ProcessHandle> started(Process starter, Path output) throws Exception {
        long until = System.nanoTime() + GENEROUS.toNanos();
        while (System.nanoTime() < until) {
            Optional<String> line = Files.readAllLines(output).stream().filter(l -> l.startsWith("office ")).findFirst();
            if (line.isPresent()) {
                return Arrays.stream(line.get().substring("office ".length()).split(" "))
                        .map(pid -> ProcessHandle.of(Long.parseLong(pid)).orElseThrow(() -> new AssertionError("no process " + pid)))
                        .toList();
            }
            if (!starter.isAlive()) {
                fail("the starting JVM died: " + read(output));
            }
            Thread.sleep(200);
        }
        return fail("the starting JVM started no office: " + read(output));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(nothing)";
    }
}
