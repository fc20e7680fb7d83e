package io.anchang.reception.adapter.client;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionApi;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.web.Admission;
import io.anchang.platform.web.CorrelationId;
import io.anchang.reception.application.CustomerDirectory;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * customer-service's flow 1 question ({@link AttributionApi#PATH}), asked with reception-service's own token — never a
 * user's (R-SEC-1) — and the correlation id, within {@code timeout}, behind a circuit breaker. Its refusals of the
 * request (4xx problem details) come back as the same problem; silence, errors, an open breaker, and a refusal of
 * reception's own identity (a client or role misconfigured: not the desk user's doing) as
 * {@link CustomerDirectory.Unavailable}, so that the desk goes on in degraded mode.
 * <p>
 * A burst is absorbed, not answered with degraded mode (issue 17): at most {@code maxInFlight}
 * questions are with customer-service at once, the others wait their turn in a bounded queue
 * (first come, first served) for up to {@code maxQueueWait}; the time limit and the breaker
 * apply to a question once it is asked, so the breaker counts what customer-service does —
 * its failures and its silence — and never the queue of a burst. Only a question that found no
 * place in time (a burst beyond what the desk's own deadline allows) goes to degraded mode
 * without being asked; it does not open the breaker.
 */
public class HttpCustomerDirectory implements CustomerDirectory {

    private final WebClient web;
    private final ServiceTokens tokens;
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private final Admission asking;
    private final Duration maxQueueWait;

    public HttpCustomerDirectory(WebClient web, ServiceTokens tokens, CircuitBreaker breaker, Duration timeout, int maxInFlight,
                                 Duration maxQueueWait) {
        this.web = web;
        this.tokens = tokens;
        this.breaker = breaker;
        this.timeout = timeout;
        this.maxQueueWait = maxQueueWait;
        this.asking = new Admission(maxInFlight, 10_000, maxQueueWait);
    }

    /** customer-service did not accept reception's own token: the token is fetched anew once, then it is a fault. */
    static final class IdentityRefused extends RuntimeException {
        final int status;

        IdentityRefused(int status) {
            super("customer-service refused reception-service's identity (HTTP " + status + ")", null, false, false);
            this.status = status;
        }
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
        return Mono.usingWhen(Mono.fromSupplier(asking::ticket),
                ticket -> ticket.admitted().flatMap(admitted -> admitted ? asked(site, request)
                        : Mono.error(new Unavailable("no turn to ask within " + maxQueueWait.toMillis() + " ms (" + asking.inFlight()
                        + " questions with customer-service, " + asking.queued() + " waiting)", null))),
                ticket -> Mono.fromRunnable(ticket::release),
                (ticket, error) -> Mono.fromRunnable(ticket::release),
                ticket -> Mono.fromRunnable(ticket::release));
    }

    /** Questions with customer-service now, and waiting for their turn (for tests and metrics). */
    public int inFlight() {
        return asking.inFlight();
    }

    private Mono<AttributionAnswer> asked(String site, AttributionRequest request) {
        return ask(site, request)
                .onErrorResume(IdentityRefused.class, refused -> {
                    tokens.forget();
                    return ask(site, request);
                })
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(Refused.class, refused -> refused.problem)
                .onErrorMap(error -> !(error instanceof ProblemException), error -> new Unavailable(
                        error instanceof CallNotPermittedException ? "circuit breaker open"
                                : error instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms" : error.toString(), error));
    }

    private Mono<AttributionAnswer> ask(String site, AttributionRequest request) {
        return tokens.token().flatMap(token -> Mono.deferContextual(context -> web.post()
                .uri(AttributionApi.PATH, site)
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
                    if (response.statusCode().value() == 401 || response.statusCode().value() == 403) {
                        return response.releaseBody().then(Mono.error(new IdentityRefused(response.statusCode().value())));
                    }
                    if (response.statusCode().is4xxClientError()) {
                        return response.bodyToMono(Map.class).defaultIfEmpty(Map.of()).flatMap(body -> Mono.error(new Refused(
                                new ProblemException(response.statusCode().value(), slug(body), text(body, "title", "Refused"),
                                        text(body, "detail", "客户服务拒绝了请求 (customer-service refused the request)")))));
                    }
                    return response.createError();
                })));
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

}
