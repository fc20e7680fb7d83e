package io.anchang.gateway.edge;

import io.anchang.platform.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * R-SEC-1, issue 9: endpoints one service offers another ({@code /api/<service>/internal/…},
 * e.g. customer-service's attribution for reception) are never reachable from outside. The
 * service refuses every token but its caller's own identity anyway; the gateway does not even
 * route them. A path under {@code /api/} with a segment {@code internal} — decoded, any case,
 * with or without matrix parameters, with {@code .}, {@code ..} or empty segments — is answered
 * 404, before the token check, so that nobody learns whether it exists.
 */
public final class ServiceOnlyPaths implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ServiceOnlyPaths.class);
    private static final String SEGMENT = "internal";

    private final ProblemResponses problems;

    public ServiceOnlyPaths(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!isServiceOnly(path)) {
            return chain.filter(exchange);
        }
        log.warn("{} {} refused 404: a service-only endpoint asked for from outside",
                exchange.getRequest().getMethod(), exchange.getRequest().getPath().value());
        return problems.write(exchange, HttpStatus.NOT_FOUND, "not-found", "Not found",
                "没有这个地址 (No such resource)", null);
    }

    /**
     * Whether the path names a service-only endpoint, however a server behind might read it: as sent (a server that
     * does not resolve {@code ..}) or resolved. Any decoded segment {@code internal} under {@code /api} counts.
     */
    static boolean isServiceOnly(PathContainer path) {
        Deque<String> resolved = new ArrayDeque<>();
        String firstAsSent = null;
        boolean internal = false;
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                // decoded, without matrix parameters
                String value = segment.valueToMatch().trim().toLowerCase(Locale.ROOT);
                if (value.isEmpty() || value.equals(".")) {
                    continue;
                }
                if (firstAsSent == null) {
                    firstAsSent = value;
                }
                internal |= value.equals(SEGMENT);
                if (value.equals("..")) {
                    resolved.pollLast();
                } else {
                    resolved.addLast(value);
                }
            }
        }
        return internal && ("api".equals(firstAsSent) || "api".equals(resolved.peekFirst()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5; // after the correlation id, before load shedding and the token check
    }
}
