package io.anchang.gateway.upstream;

import io.anchang.platform.web.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A route's circuit breaker and time limit, counting only the service's own failures (issue 9:
 * "one site can cut a service off for all sites"): a connection that fails, no answer within
 * the route's time limit, or a 5xx the service answers. A 4xx is the caller's mistake and
 * counts as a success; a 503 with {@code Retry-After} is the service shedding load before
 * doing anything (issue 10) and counts as neither — one site's burst cannot open the breaker
 * for every site. The service's answer, whatever it is, passes on unchanged.
 *
 * <p>What the gateway answers itself says what happened (issue 10, "a 503 means nothing
 * happened"):
 * <ul>
 *   <li>503 when the request never reached the service: the breaker is open, or the
 *       connection failed — safe to repeat;</li>
 *   <li>504 when the service took the request but did not answer within the route's time
 *       limit — it may or may not have been done: repeat with the same {@code requestId}. The
 *       limit is longer than the service's own deadline, so a healthy service always answers
 *       first;</li>
 *   <li>502 when the connection broke after the request went out — outcome unknown too.</li>
 * </ul>
 */
public class UpstreamGuardGatewayFilterFactory extends AbstractGatewayFilterFactory<UpstreamGuardGatewayFilterFactory.Config> {

    private static final Logger log = LoggerFactory.getLogger(UpstreamGuardGatewayFilterFactory.class);

    /** Route name → how the service is called, in Chinese and in English. */
    private static final Map<String, Service> SERVICES = Map.of(
            "reception", new Service("接待服务", "reception service"),
            "customer", new Service("客户服务", "customer service"),
            "deal", new Service("交易服务", "deal service"),
            "finance", new Service("财务服务", "finance service"),
            "reporting", new Service("报表服务", "reporting service"));

    private final CircuitBreakerRegistry breakers;
    private final ProblemResponses problems;

    public UpstreamGuardGatewayFilterFactory(CircuitBreakerRegistry breakers, ProblemResponses problems) {
        super(Config.class);
        this.breakers = breakers;
        this.problems = problems;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("name", "timeout");
    }

    @Override
    public GatewayFilter apply(Config config) {
        if (config.getName() == null || config.getTimeout() == null) {
            throw new IllegalArgumentException("UpstreamGuard needs a name and a timeout");
        }
        CircuitBreaker breaker = breakers.circuitBreaker(config.getName());
        Service service = SERVICES.getOrDefault(config.getName(), new Service("该服务", "service"));
        Duration timeout = config.getTimeout();
        return (exchange, chain) -> {
            if (!breaker.tryAcquirePermission()) {
                return notSent(exchange, service, "its circuit breaker is open");
            }
            long started = System.nanoTime();
            Mono<Void> call = timeout.isZero() ? chain.filter(exchange) : chain.filter(exchange).timeout(timeout);
            return call
                    .doOnSuccess(done -> record(breaker, exchange, System.nanoTime() - started))
                    .doOnCancel(breaker::releasePermission)
                    .onErrorResume(error -> {
                        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, error);
                        if (exchange.getResponse().isCommitted()) {
                            return Mono.error(error);
                        }
                        return answer(exchange, service, timeout, error);
                    });
        };
    }

    /** A 5xx of the service is its failure; a 4xx a success; a shed 503 neither. */
    private static void record(CircuitBreaker breaker, ServerWebExchange exchange, long nanos) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status == null || !status.is5xxServerError()) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        } else if (status.value() == 503 && exchange.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
            breaker.releasePermission();
        } else {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new UpstreamFailure(status.value()));
        }
    }

    private Mono<Void> answer(ServerWebExchange exchange, Service service, Duration timeout, Throwable error) {
        if (error instanceof TimeoutException) {
            log.warn("{} {}: the {} did not answer within {} s", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), service.english(), timeout.toSeconds());
            return problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Gateway timeout",
                    service.chinese() + "未在 " + timeout.toSeconds() + " 秒内答复，结果未知：请用同一请求编号重试以查看结果 (The "
                            + service.english() + " did not answer within " + timeout.toSeconds()
                            + " s; it may or may not have been done — repeat with the same requestId to learn the outcome)", null);
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, io.netty.channel.ConnectTimeoutException.class)) {
            return notSent(exchange, service, "no connection: " + error);
        }
        log.warn("{} {}: the connection to the {} broke: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), service.english(), error.toString());
        return problems.write(exchange, HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway",
                service.chinese() + "的连接中断，结果未知：请用同一请求编号重试以查看结果 (The connection to the " + service.english()
                        + " broke; the request may or may not have been done — repeat with the same requestId to learn the outcome)", null);
    }

    /** 503: the request did not reach the service; nothing happened. */
    private Mono<Void> notSent(ServerWebExchange exchange, Service service, String why) {
        log.warn("{} {} answered 503 by the gateway: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), why);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                service.chinese() + "暂时无法响应，请求未送达，请稍后重试 (The " + service.english()
                        + " is not answering; the request did not reach it — try again shortly)", null);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A 5xx answered by the service, as the breaker records it. */
    static final class UpstreamFailure extends RuntimeException {
        UpstreamFailure(int status) {
            super("the service answered " + status, null, false, false);
        }
    }

    private record Service(String chinese, String english) {
    }

    /**
     * @param name    the breaker's name (its settings: {@code resilience4j.circuitbreaker.instances.<name>})
     * @param timeout how long the gateway waits for the service's answer (its headers): longer than the
     *                service's {@code anchang.web.max-queue-wait + anchang.web.deadline}; zero for an
     *                event stream, which stays open by design
     */
    public static class Config {
        private String name;
        private Duration timeout;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
