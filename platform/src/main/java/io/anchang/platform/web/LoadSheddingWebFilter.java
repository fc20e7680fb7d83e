package io.anchang.platform.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Issue 10, "a 503 means nothing happened": a saturated service refuses before doing any
 * work. The first filter after the correlation id — before the token is checked, the body
 * read or anything written — admits at most {@link WebLimits#maxInFlight()} requests at
 * once; a few more wait briefly for a place; the rest are answered at once with 503, a
 * problem detail and {@code Retry-After}. An admitted request has {@link WebLimits#deadline()}
 * to be answered; past it the service answers 504 "outcome unknown" itself, so that the
 * gateway (which waits longer) never has to guess.
 *
 * <p>Exempt: health, metrics and API documents ({@code /actuator/**}, served on the management
 * port) and the service's event streams ({@link WebLimits#streamPaths()}), which stay open by
 * design and are capped per user at the gateway.
 */
public final class LoadSheddingWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(LoadSheddingWebFilter.class);

    /** How long an answer already begun at the deadline may take to finish writing. */
    static final java.time.Duration WRITING_GRACE = java.time.Duration.ofSeconds(2);

    private final WebLimits limits;
    private final Admission admission;
    private final ProblemResponses problems;
    private final List<PathPattern> streams;
    private final Counter shed;
    private final Counter pastDeadline;

    public LoadSheddingWebFilter(WebLimits limits, ProblemResponses problems, MeterRegistry meters) {
        this.limits = limits;
        this.admission = new Admission(limits.maxInFlight(), limits.maxQueued(), limits.maxQueueWait());
        this.problems = problems;
        this.streams = limits.streamPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.shed = Counter.builder("anchang.web.shed").description("requests refused with 503 before any work").register(meters);
        this.pastDeadline = Counter.builder("anchang.web.deadline.exceeded").description("requests answered 504 at the deadline").register(meters);
        meters.gauge("anchang.web.in.flight", admission, Admission::inFlight);
        meters.gauge("anchang.web.queued", admission, Admission::queued);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exempt(exchange)) {
            return chain.filter(exchange);
        }
        Admission.Ticket ticket = admission.ticket();
        return ticket.admitted()
                .flatMap(admitted -> admitted ? handle(exchange, chain) : refuse(exchange))
                .doFinally(signal -> ticket.release());
    }

    private Mono<Void> handle(ServerWebExchange exchange, WebFilterChain chain) {
        if (!limits.hasDeadline()) {
            return chain.filter(exchange);
        }
        // The deadline stops a request whose answer has not begun. An answer already begun (its
        // status and length sent) is given a short grace to finish writing; one that still has not
        // finished is broken off with an error, which closes the connection: cancelling it and
        // completing quietly would leave the client (and the gateway's body stream) waiting for
        // the promised bytes for ever (issue 17: a walk-in burst that never ended).
        Mono<Long> deadline = Mono.delay(limits.deadline())
                .flatMap(tick -> exchange.getResponse().isCommitted() ? Mono.delay(WRITING_GRACE) : Mono.just(tick));
        return chain.filter(exchange).timeout(deadline, Mono.defer(() -> {
            pastDeadline.increment();
            if (exchange.getResponse().isCommitted()) {
                log.warn("{} {} passed the deadline of {} s while its answer was being written; the connection is closed",
                        exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), limits.deadline().toSeconds());
                return Mono.error(new IllegalStateException("answer not written within the deadline; connection closed"));
            }
            log.warn("{} {} passed the deadline of {} s and was cancelled; answered 504", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), limits.deadline().toSeconds());
            return problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "deadline-exceeded", "Deadline exceeded",
                    "处理超时，结果未知：请用同一请求编号重试以查看结果 (The request took longer than "
                            + limits.deadline().toSeconds() + " s and was stopped; it may or may not have been done —"
                            + " repeat it with the same requestId to learn the outcome)", null);
        }));
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        shed.increment();
        long seconds = Math.max(1, limits.retryAfter().toSeconds());
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Service busy",
                "系统繁忙，此请求未被处理，请 " + seconds + " 秒后重试 (The service is busy and did nothing with this request;"
                        + " try again in " + seconds + " s)", null);
    }

    private boolean exempt(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        return path.value().startsWith("/actuator") || streams.stream().anyMatch(pattern -> pattern.matches(path));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
