package io.anchang.gateway;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service behind the gateway that answers every request with what it received — method,
 * path, headers (names in lower case), body — as JSON, and remembers each request. Like a
 * platform service it returns the correlation id it got; unlike one it also answers CORS
 * headers of its own, so that tests can see the gateway keep only its own.
 *
 * <p>{@code .../status/<code>} answers that status with a problem detail of its own;
 * {@code .../status/<code>-retry} adds {@code Retry-After}, as a service shedding load does; a path ending in
 * {@code /cut-list} answers the headers of a list its limit cut ({@code X-Truncated: true}, {@code X-Limit: 500}).
 */
final class EchoBackend implements AutoCloseable {

    static final String BACKEND_PROBLEM_TYPE = "urn:anchang:problem:backend-says-no";

    private static final Pattern STATUS = Pattern.compile(".*/status/(\\d{3})(-retry)?$");
    private static EchoBackend shared;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final DisposableServer server;

    private EchoBackend() {
        server = HttpServer.create().host("127.0.0.1").port(0).handle(this::answer).bindNow();
    }

    static synchronized EchoBackend shared() {
        if (shared == null) {
            shared = new EchoBackend();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "echo-backend-stop"));
        }
        return shared;
    }

    String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The requests that reached this backend on {@code path}. */
    List<Received> receivedOnPathEnding(String tail) {
        return received.stream().filter(r -> r.path().endsWith(tail)).toList();
    }

    List<Received> receivedOn(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Answers the status that the path asks for, with a problem body the gateway must pass on unchanged. */
    static String problemBody(int status) {
        return "{\"type\":\"" + BACKEND_PROBLEM_TYPE + "\",\"title\":\"Backend refuses\",\"status\":" + status
                + ",\"detail\":\"后端拒绝 (the backend refuses)\"}";
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.requestHeaders().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue()));
        String path = request.fullPath();
        String correlationId = request.requestHeaders().get("X-Correlation-Id");
        return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
            received.add(new Received(request.method().name(), path, headers, body));
            if (correlationId != null) {
                response.header("X-Correlation-Id", correlationId);
            }
            response.header("Access-Control-Allow-Origin", "*").header("Vary", "Origin");
            Matcher status = STATUS.matcher(path);
            if (status.matches()) {
                int code = Integer.parseInt(status.group(1));
                if (status.group(2) != null) {
                    response.header("Retry-After", "2");
                }
                return response.status(HttpResponseStatus.valueOf(code))
                        .header("Content-Type", "application/problem+json")
                        .sendString(Mono.just(problemBody(code))).then();
            }
            if (path.endsWith("/cut-list")) {
                response.header("X-Truncated", "true").header("X-Limit", "500");
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("method", request.method().name());
            echo.put("path", path);
            echo.put("headers", headers);
            echo.put("body", body);
            return response.header("Content-Type", "application/json")
                    .sendString(Mono.just(json.writeValueAsString(echo))).then();
        });
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    record Received(String method, String path, Map<String, List<String>> headers, String body) {
    }
}
