package io.anchang.benchmarks;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client a benchmark's burst is sent with. The load generator runs on the same two cores as the
 * office, so what it spends per request is taken from the office: the JDK's {@link HttpClient} spent
 * about 2 ms of CPU per hold attempt (a quarter of the machine during the race), Reactor Netty — what
 * the gateway itself forwards with — a fraction of that. {@code --client jdk} keeps the JDK client for
 * comparison. Both speak HTTP/1.1 with keep-alive, at most {@code connections} connections, and give the
 * whole answer, body included, the deadline.
 */
interface RaceClient extends AutoCloseable {

    /** An answer: its status (-1 when none came) and its body (or what went wrong). */
    record Answer(int status, String body) {
    }

    CompletableFuture<Answer> post(String url, String bearer, String json, Duration deadline);

    /** A GET; {@code bearer} null sends no token. */
    CompletableFuture<Answer> get(String url, String bearer, Duration deadline);

    @Override
    void close();

    /**
     * Warms this client's own code before the clock starts: {@code requests} posts, {@code inFlight} at a time,
     * at a server inside this process that answers each at once. The office is not touched; what the race
     * then measures is the office, not the load generator's JIT compiling its HTTP client on the same cores.
     */
    default void warmUp(int requests, int inFlight) throws InterruptedException {
        reactor.netty.DisposableServer local = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/warm-up", (request, response) -> request.receive().aggregate().then(
                        response.status(409).header("Content-Type", "application/problem+json")
                                .sendString(Mono.just("{\"status\":409,\"detail\":\"warm-up\"}")).then())))
                .bindNow();
        try {
            String url = "http://127.0.0.1:" + local.port() + "/warm-up";
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(inFlight);
            java.util.List<CompletableFuture<Answer>> all = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                slots.acquire();
                all.add(post(url, "warm-up", "{\"customerId\":\"warm-up\"}", Duration.ofSeconds(30)).whenComplete((a, e) -> slots.release()));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } finally {
            local.disposeNow();
        }
    }

    static RaceClient of(String kind, int connections) {
        return switch (kind) {
            case "jdk" -> new Jdk(Deadlines.http());
            case "netty" -> new Netty(connections);
            default -> throw new IllegalArgumentException("--client is jdk or netty, not " + kind);
        };
    }

    /** The JDK's client, as the benchmarks used before. */
    final class Jdk implements RaceClient {
        private final HttpClient http;

        Jdk(HttpClient http) {
            this.http = http;
        }

        @Override
        public CompletableFuture<Answer> post(String url, String bearer, String json, Duration deadline) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(deadline)
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            // the client's timeout covers the headers only: the whole answer gets a deadline of its own
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .orTimeout(deadline.plus(Deadlines.WHOLE_ANSWER_MARGIN).toMillis(), TimeUnit.MILLISECONDS)
                    .handle((response, error) -> response == null ? new Answer(-1, String.valueOf(error))
                            : new Answer(response.statusCode(), response.body()));
        }

        @Override
        public CompletableFuture<Answer> get(String url, String bearer, Duration deadline) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(deadline).GET();
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .orTimeout(deadline.plus(Deadlines.WHOLE_ANSWER_MARGIN).toMillis(), TimeUnit.MILLISECONDS)
                    .handle((response, error) -> response == null ? new Answer(-1, String.valueOf(error))
                            : new Answer(response.statusCode(), response.body()));
        }

        @Override
        public void close() {
            // the JDK's client has nothing to close on Java 17
        }
    }

    /** Reactor Netty on one event loop thread per core, a fixed pool of keep-alive connections. */
    final class Netty implements RaceClient {
        private final ConnectionProvider pool;
        private final LoopResources loops;
        private final reactor.netty.http.client.HttpClient http;

        Netty(int connections) {
            pool = ConnectionProvider.builder("bench-race").maxConnections(connections).pendingAcquireMaxCount(-1)
                    .pendingAcquireTimeout(Duration.ofMinutes(5)).build();
            loops = LoopResources.create("bench-race", Math.max(1, Runtime.getRuntime().availableProcessors()), true);
            http = reactor.netty.http.client.HttpClient.create(pool).runOn(loops).keepAlive(true)
                    .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Deadlines.CONNECT.toMillis());
        }

        @Override
        public CompletableFuture<Answer> post(String url, String bearer, String json, Duration deadline) {
            return http.responseTimeout(deadline)
                    .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearer)
                            .set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
                    .post().uri(url)
                    .send(ByteBufFlux.fromString(Mono.just(json)))
                    .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                            .map(text -> new Answer(response.status().code(), text)))
                    // the whole answer, body included, within the deadline and a margin
                    .timeout(deadline.plus(Deadlines.WHOLE_ANSWER_MARGIN))
                    .onErrorResume(error -> Mono.just(new Answer(-1, String.valueOf(error))))
                    .toFuture();
        }

        @Override
        public CompletableFuture<Answer> get(String url, String bearer, Duration deadline) {
            return http.responseTimeout(deadline)
                    .headers(h -> {
                        if (bearer != null) {
                            h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearer);
                        }
                    })
                    .get().uri(url)
                    .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                            .map(text -> new Answer(response.status().code(), text)))
                    .timeout(deadline.plus(Deadlines.WHOLE_ANSWER_MARGIN))
                    .onErrorResume(error -> Mono.just(new Answer(-1, String.valueOf(error))))
                    .toFuture();
        }

        @Override
        public void close() {
            pool.dispose();
            loops.dispose();
        }
    }
}
