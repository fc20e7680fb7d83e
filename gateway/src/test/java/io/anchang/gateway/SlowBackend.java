package io.anchang.gateway;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that takes its time.
 * <ul>
 *   <li>{@code .../wait/<millis>} answers 200 after that many milliseconds;</li>
 *   <li>{@code .../gather/<key>/<n>} holds every request of {@code key} until {@code n} of them
 *       are in flight at once (at most two seconds), then answers each with how many it saw;</li>
 *   <li>{@code /api/deals/sites/<site>/unit-changes} is an event stream that stays open, a comment a
 *       second, until the caller goes away; {@link #openStreams()} counts them.</li>
 * </ul>
 */
final class SlowBackend implements AutoCloseable {

    /** How long a gathering waits for the rest of its callers; below the customer route's limit. */
    private static final Duration GATHER_AT_MOST = Duration.ofSeconds(2);

    private static SlowBackend shared;

    private final Map<String, Gathering> gatherings = new ConcurrentHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final DisposableServer server;

    private SlowBackend() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/{prefix}/{service}/wait/{millis}", this::waitThenAnswer)
                        .get("/{prefix}/{service}/gather/{key}/{count}", this::gather)
                        .get("/api/deals/sites/{site}/unit-changes", this::stream)
                        .post("/api/customers/sites/{site}/customers/search", (request, response) -> response
                                .header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"searched\":\"" + request.param("site") + "\"}")).then()))
                .bindNow();
    }

    static synchronized SlowBackend shared() {
        if (shared == null) {
            shared = new SlowBackend();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "slow-backend-stop"));
        }
        return shared;
    }

    String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    private Mono<Void> waitThenAnswer(HttpServerRequest request, HttpServerResponse response) {
        long millis = Long.parseLong(request.param("millis"));
        return Mono.delay(Duration.ofMillis(millis))
                .then(response.header("Content-Type", "application/json")
                        .sendString(Mono.just("{\"waited\":" + millis + "}")).then());
    }

    int openStreams() {
        return openStreams.get();
    }

    private Mono<Void> stream(HttpServerRequest request, HttpServerResponse response) {
        openStreams.incrementAndGet();
        return response.header("Content-Type", "text/event-stream")
                .sendString(reactor.core.publisher.Flux.interval(Duration.ZERO, Duration.ofSeconds(1)).map(tick -> ":tick\n\n"))
                .then()
                .doFinally(signal -> openStreams.decrementAndGet());
    }

    private Mono<Void> gather(HttpServerRequest request, HttpServerResponse response) {
        int expected = Integer.parseInt(request.param("count"));
        Gathering gathering = gatherings.computeIfAbsent(request.param("key"), key -> new Gathering());
        if (gathering.arrived.incrementAndGet() >= expected) {
            gathering.complete.tryEmitEmpty();
        }
        return gathering.complete.asMono()
                .timeout(GATHER_AT_MOST, Mono.empty())
                .then(Mono.defer(() -> response.header("Content-Type", "application/json")
                        .sendString(Mono.just("{\"arrived\":" + gathering.arrived.get() + "}")).then()));
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private static final class Gathering {
        final AtomicInteger arrived = new AtomicInteger();
        final Sinks.Empty<Void> complete = Sinks.empty();
    }
}
