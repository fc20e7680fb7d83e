package io.anchang.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * Sends and waits for the whole answer — headers and body — at most {@link #REQUEST} and a few
     * seconds: the client's own timeout covers the headers only, so an answer whose body never
     * ends would hold the run for ever. Past it the exchange is cancelled and {@link Unanswered}
     * says whether the headers had come (and with which status) or nothing had.
     */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Unanswered, InterruptedException {
        AtomicInteger headers = new AtomicInteger();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, info -> {
            headers.set(info.statusCode());
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        });
        try {
            return answer.get(REQUEST.plus(WHOLE_ANSWER_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new Unanswered(request, headers.get());
        } catch (ExecutionException e) {
            throw new Unanswered(request, headers.get(), e.getCause());
        }
    }

    static final Duration WHOLE_ANSWER_MARGIN = Duration.ofSeconds(5);

    /** A request that got no complete answer within its deadline, or a broken one. */
    static final class Unanswered extends Exception {
        private final int headersStatus;

        Unanswered(HttpRequest request, int headersStatus) {
            super(request.method() + " " + request.uri().getPath() + ": no complete answer within " + REQUEST.plus(WHOLE_ANSWER_MARGIN).toSeconds()
                    + " s (" + (headersStatus > 0 ? "headers " + headersStatus + " came, the body never ended" : "not even headers") + ")");
            this.headersStatus = headersStatus;
        }

        Unanswered(HttpRequest request, int headersStatus, Throwable cause) {
            super(request.method() + " " + request.uri().getPath() + ": answer broken off (" + (headersStatus > 0 ? "after headers " + headersStatus
                    : "before any headers") + "): " + cause, cause);
            this.headersStatus = headersStatus;
        }

        /** The status of the headers that came, 0 if none did. */
        int headersStatus() {
            return headersStatus;
        }

        /** Whether the deadline passed (rather than the connection breaking). */
        boolean timedOut() {
            return getCause() == null || getCause() instanceof java.net.http.HttpTimeoutException;
        }
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
