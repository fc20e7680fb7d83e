package io.anchang.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * A browser asking for one of the web application's screens ({@code /desk},
 * {@code /customers/…}) gets the application's page, which then shows that screen: the
 * request is answered as {@code /index.html}, before the token check (the page is public;
 * its data is not). Only page loads are meant — GET or HEAD asking for HTML, for an address
 * without a file extension outside the API and the files.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class SinglePageRoutes implements WebFilter {

    private static final List<String> NOT_SCREENS = List.of("/api/", "/assets/", "/actuator", "/fallback", "/v3/", "/webjars/",
            "/swagger-ui");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (isScreen(request)) {
            return chain.filter(exchange.mutate().request(request.mutate().path(WebAppPageController.PAGE).build()).build());
        }
        return chain.filter(exchange);
    }

    static boolean isScreen(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            return false;
        }
        String path = request.getPath().pathWithinApplication().value();
        if (path.equals("/")) {
            return true;
        }
        if (NOT_SCREENS.stream().anyMatch(path::startsWith) || path.substring(path.lastIndexOf('/') + 1).contains(".")) {
            return false;
        }
        return request.getHeaders().getAccept().stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML)
                && !type.isWildcardType());
    }
}
