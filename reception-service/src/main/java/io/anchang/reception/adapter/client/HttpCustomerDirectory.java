package io.anchang.reception.adapter.client;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.web.CorrelationId;
import io.anchang.reception.application.CustomerDirectory;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * customer-service's {@code POST /api/customers/sites/{site}/attributions}, called with the
 * caller's own token (every service checks it itself) and the correlation id, within
 * {@code timeout}, behind a circuit breaker. Its refusals (4xx problem details) come back as
 * the same problem; silence, errors and an open breaker as {@link CustomerDirectory.Unavailable}.
 */
public class HttpCustomerDirectory implements CustomerDirectory {

    private final WebClient web;
    private final CircuitBreaker breaker;
    private final Duration timeout;

    public HttpCustomerDirectory(WebClient web, CircuitBreaker breaker, Duration timeout) {
        this.web = web;
        this.breaker = breaker;
        this.timeout = timeout;
    }

    /** A refusal by customer-service: the request was wrong, not the service; it does not open the breaker. */
    static final class Refused extends RuntimeException {
        final ProblemException problem;

        Refused(ProblemException problem) {
            super(problem.getMessage(), null, false, false);
            this.problem = problem;
        }
    }

    @Override
    public Mono<AttributionAnswer> attribute(String site, AttributionRequest request) {
        return token().flatMap(token -> Mono.deferContextual(context -> web.post()
                        .uri("/api/customers/sites/{site}/attributions", site)
                        .headers(headers -> {
                            headers.setBearerAuth(token);
                            CorrelationId.from(context).ifPresent(id -> headers.set(CorrelationId.HEADER, id));
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                        .bodyValue(request)
                        .exchangeToMono(response -> {
                            if (response.statusCode().is2xxSuccessful()) {
                                return response.bodyToMono(AttributionAnswer.class);
                            }
                            if (response.statusCode().is4xxClientError()) {
                                return response.bodyToMono(Map.class).defaultIfEmpty(Map.of()).flatMap(body -> Mono.error(new Refused(
                                        new ProblemException(response.statusCode().value(), slug(body), text(body, "title", "Refused"),
                                                text(body, "detail", "客户服务拒绝了请求 (customer-service refused the request)")))));
                            }
                            return response.createError();
                        })))
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(Refused.class, refused -> refused.problem)
                .onErrorMap(error -> !(error instanceof ProblemException), error -> new Unavailable(
                        error instanceof CallNotPermittedException ? "circuit breaker open"
                                : error instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms" : error.toString(), error));
    }

    /**
     * The breaker: opens when half of the last calls (at least {@code minimumCalls}) failed or timed
     * out, lets a few calls try again after {@code openFor}; refusals do not count.
     */
    public static CircuitBreaker breaker(String name, int minimumCalls, Duration openFor) {
        return CircuitBreaker.of(name, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindowSize(Math.max(minimumCalls, 10))
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .ignoreExceptions(Refused.class)
                .build());
    }

    private static String text(Map<?, ?> body, String key, String otherwise) {
        Object value = body.get(key);
        return value == null ? otherwise : String.valueOf(value);
    }

    private static String slug(Map<?, ?> body) {
        Object given = body.get("type");
        String type = given == null ? "urn:anchang:problem:customer-service-refused" : String.valueOf(given);
        return type.substring(type.lastIndexOf(':') + 1);
    }

    private static Mono<String> token() {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> ((JwtAuthenticationToken) auth).getToken().getTokenValue())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no caller token to relay to customer-service")));
    }

}
