package io.anchang.platform.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds and writes RFC 9457 problem details. The {@code type} is
 * {@code urn:anchang:problem:<slug>}, stable for clients; every problem carries the
 * request's correlation id so that a desk clerk can quote it.
 */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    static final int MAX_DETAIL = 1000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemResponses.class);

    private final JsonMapper mapper;
    private final Supplier<Refusals> refusals;

    public ProblemResponses(JsonMapper mapper) {
        this(mapper, () -> null);
    }

    /** @param refusals what audits a 403 (R-SEC-4), looked up when one is given; null where the service keeps no trail */
    public ProblemResponses(JsonMapper mapper, Supplier<Refusals> refusals) {
        this.mapper = mapper;
        this.refusals = refusals;
    }

    /**
     * R-SEC-4: writes this request's refusal to the audit trail, once — not when its own path audited it already
     * ({@link Refusals#AUDITED}). Completes when the entry is written or counted; a failure to audit is logged and
     * the refusal still answered 403, never turned into a 500.
     */
    public Mono<Void> audit(ServerWebExchange exchange, String problemType) {
        if (exchange.getAttributes().putIfAbsent(Refusals.AUDITED, Boolean.TRUE) != null) {
            return Mono.empty();
        }
        Refusals auditor = refusals.get();
        if (auditor == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> auditor.audit(exchange, problemType))
                .onErrorResume(error -> {
                    log.error("R-SEC-4: could not audit the refusal of {} {} ({}): {}", exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(), problemType, error.toString());
                    return Mono.empty();
                });
    }

    /** A 403 written straight to the response, after it was audited (R-SEC-4). */
    public Mono<Void> refuse(ServerWebExchange exchange, String slug, String title, String detail) {
        return audit(exchange, slug).then(Mono.defer(() -> write(exchange, HttpStatus.FORBIDDEN, slug, title, detail, null)));
    }

    public static URI type(String slug) {
        return URI.create("urn:anchang:problem:" + slug);
    }

    public static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, bounded(detail));
        problem.setType(type(slug));
        problem.setTitle(title);
        if (exchange != null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
            Object id = exchange.getAttribute(CorrelationId.KEY);
            if (id == null) {
                id = exchange.getResponse().getHeaders().getFirst(CorrelationId.HEADER);
            }
            if (id != null) {
                problem.setProperty("correlationId", id);
            }
        }
        return problem;
    }

    /** Issue 9: a detail never carries an oversized value back; beyond {@value #MAX_DETAIL} characters it is cut. */
    static String bounded(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL) + "…";
    }

    /** Writes a problem straight to the response, for errors raised outside controllers. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String slug, String title, String detail,
                            String wwwAuthenticate) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        ProblemDetail problem = problem(status, slug, title, detail, exchange);
        response.setStatusCode(status);
        response.getHeaders().setContentType(PROBLEM_JSON);
        if (wwwAuthenticate != null) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate);
        }
        DataBuffer body = response.bufferFactory().wrap(mapper.writeValueAsBytes(asMap(problem)));
        return response.writeWith(Mono.just(body));
    }

    /** The problem as the JSON object RFC 9457 describes, extension members at the top level. */
    public static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", String.valueOf(problem.getType()));
        json.put("title", problem.getTitle());
        json.put("status", problem.getStatus());
        json.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            json.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            json.putAll(problem.getProperties());
        }
        return json;
    }
}
