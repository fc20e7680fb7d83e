package io.anchang.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Takes the caller's correlation id (or makes one), passes it on in the request and the
 * response, puts it in the Reactor context for the outbox and the logs, and logs each
 * request with it.
 */
public final class CorrelationIdWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("io.anchang.requests");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = CorrelationId.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(CorrelationId.HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(CorrelationId.HEADER, id))
                .build();
        exchange.getResponse().getHeaders().set(CorrelationId.HEADER, id);
        ServerWebExchange mutated = exchange.mutate().request(request).build();
        mutated.getAttributes().put(CorrelationId.KEY, id);
        long started = System.nanoTime();
        return chain.filter(mutated)
                .doFinally(signal -> {
                    if (!request.getPath().value().startsWith("/actuator")) {
                        try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.KEY, id)) {
                            log.info("{} {} -> {} in {} ms", request.getMethod(), request.getPath().value(),
                                    mutated.getResponse().getStatusCode(), (System.nanoTime() - started) / 1_000_000);
                        }
                    }
                })
                .contextWrite(context -> context.put(CorrelationId.KEY, id));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
