package io.anchang.gateway.fallback;

import io.anchang.platform.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Mono;

import java.util.Map;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

/**
 * Where a route's circuit breaker forwards when its service is down, too slow, or its
 * breaker is open: 503 as a problem detail the desk clerk can act on, for every method.
 * A client error of a service is its answer, not a failure, and never reaches here.
 *
 * <p>Only a forward from a route's circuit breaker gets the 503; a client calling
 * {@code /fallback/**} itself gets 404.
 */
@Hidden
@RestController
public class ServiceUnavailableController {

    private static final Logger log = LoggerFactory.getLogger(ServiceUnavailableController.class);

    /** Route id → how the service is called, in Chinese and in English. */
    private static final Map<String, Service> SERVICES = Map.of(
            "reception", new Service("接待服务", "reception service"),
            "customer", new Service("客户服务", "customer service"),
            "deal", new Service("交易服务", "deal service"),
            "finance", new Service("财务服务", "finance service"),
            "reporting", new Service("报表服务", "reporting service"));

    private final ProblemResponses problems;

    public ServiceUnavailableController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("/fallback/{route}")
    public Mono<Void> serviceUnavailable(@PathVariable String route, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            return problems.write(exchange, HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "没有这个地址 (No such resource: " + exchange.getRequest().getPath().value() + ")", null);
        }
        // the problem names the path the client called, not the forward target
        String called = calledPath(exchange);
        ServerWebExchange asCalled = exchange.mutate().request(request -> request.path(called)).build();
        log.warn("{} {} answered 503: route {} failed with {}", exchange.getRequest().getMethod(), called, route,
                failure.toString());
        Service service = SERVICES.getOrDefault(route, new Service("该服务", "service"));
        return problems.write(asCalled, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                service.chinese() + "暂时无法响应，请稍后重试 (The " + service.english() + " is not answering; try again shortly)",
                null);
    }

    /**
     * The breaker forwards with {@code exchange.mutate()}, which decorates the exchange the
     * client's request arrived with; the innermost one still holds the path as called.
     */
    private static String calledPath(ServerWebExchange exchange) {
        ServerWebExchange current = exchange;
        while (current instanceof ServerWebExchangeDecorator decorator) {
            current = decorator.getDelegate();
        }
        return current.getRequest().getPath().value();
    }

    private record Service(String chinese, String english) {
    }
}
