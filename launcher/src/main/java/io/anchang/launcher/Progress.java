package io.anchang.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Says what the launcher is doing and how long it has taken, one line at a time. */
public final class Progress {

    private final PrintStream out;
    private final Instant started = Instant.now();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void say(String message) {
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        synchronized (out) {
            out.printf("[%3ds] %s%n", seconds, message);
            out.flush();
        }
    }

    public Duration elapsed() {
        return Duration.between(started, Instant.now());
    }
}
