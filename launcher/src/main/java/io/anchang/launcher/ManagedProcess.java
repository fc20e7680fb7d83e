package io.anchang.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the stack: its command, environment and log file, and a pid file so
 * that a later {@code down} or {@code status} finds it again.
 */
public final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Path pidFile;
    private Process process;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log, Path pidFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.pidFile = pidFile;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public ManagedProcess start() {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Adds a line of the launcher's own to the log, e.g. where a second start begins. */
    void note(String line) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, System.lineSeparator() + "=== " + line + " ===" + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + log, e);
        }
    }

    public boolean isAlive() {
        return process != null ? process.isAlive() : pid(pidFile).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops the process: politely, then after {@code graceSeconds} by force. */
    public void stop(int graceSeconds) {
        Optional<ProcessHandle> handle = process != null ? Optional.of(process.toHandle()) : pid(pidFile).flatMap(ProcessHandle::of);
        handle.ifPresent(h -> stop(h, graceSeconds));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is harmless: its process is gone
        }
    }

    /**
     * SIGKILL, as a crash: the process is gone at once, nothing flushed, nothing released
     * (a lease it held lapses by itself). Waits until it is gone.
     */
    public void kill() {
        Optional<ProcessHandle> handle = process != null ? Optional.of(process.toHandle()) : pid(pidFile).flatMap(ProcessHandle::of);
        handle.ifPresent(h -> {
            h.destroyForcibly();
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(name + " did not die of SIGKILL within 30 s", e);
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the process is gone either way
        }
    }

    /** SIGSTOP: the process freezes — its sockets stay open and silent, as a hung machine's. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT: a paused process goes on where it stopped. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        long pid = process != null ? process.pid() : pid(pidFile).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("could not send SIG" + signal + " to " + name + " (" + pid + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void stop(ProcessHandle handle, int graceSeconds) {
        List<ProcessHandle> children = new ArrayList<>(handle.descendants().toList());
        handle.destroy();
        try {
            handle.onExit().get(graceSeconds, TimeUnit.SECONDS);
        } catch (Exception timeout) {
            handle.destroyForcibly();
        }
        children.forEach(child -> child.destroyForcibly());
    }

    static Optional<Long> pid(Path pidFile) {
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The last lines of the log, to show why a part did not come up. */
    public String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log yet)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }
}
