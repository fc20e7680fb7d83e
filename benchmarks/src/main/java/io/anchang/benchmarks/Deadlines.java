package io.anchang.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What keeps a benchmark from waiting forever: an HTTP/1.1 client (no HTTP/2 upgrade on
 * plain HTTP, which could leave a request unanswered), a deadline on every request, and a
 * watchdog that ends a run which cannot finish — saying at which step it was stuck and
 * exiting non-zero.
 */
final class Deadlines {

    /** How long one request may take; the gateway answers (or gives up) well before. */
    static final Duration REQUEST = Duration.ofSeconds(30);
    static final Duration CONNECT = Duration.ofSeconds(5);

    private static volatile String step = "starting";

    private Deadlines() {
    }

    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT).build();
    }

    static HttpClient http(Executor executor) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT).executor(executor).build();
    }

    static String current() {
        return step;
    }

    /** The step the run is at, for the watchdog's message. */
    static void step(String now) {
        step = now;
        System.out.println("… " + now);
    }

    /**
     * Ends the run with exit code 2 if it has not finished within {@code limit}: a benchmark
     * that cannot finish says so and why, instead of hanging.
     */
    static void watchdog(String benchmark, Duration limit) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "bench-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(() -> {
            System.out.println("FAILED: " + benchmark + " did not finish within " + limit.toSeconds() + " s; stuck at: " + step);
            System.out.flush();
            Runtime.getRuntime().halt(2);
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
    }
}
