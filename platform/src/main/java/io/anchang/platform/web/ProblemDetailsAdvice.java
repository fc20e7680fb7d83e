package io.anchang.platform.web;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.validation.Echo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every error into an RFC 9457 problem detail that says what is wrong: malformed
 * JSON, a wrong type, a missing field, an unknown enum value, a bad path parameter (400),
 * an oversized body (413), the problems the services raise themselves, and — never for a
 * client's mistake — 500 with the correlation id to quote.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** Audits the refusals (R-SEC-4); none in a unit test. */
    private final ProblemResponses problems;

    public ProblemDetailsAdvice() {
        this(null);
    }

    public ProblemDetailsAdvice(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ProblemException.class)
    public Mono<ResponseEntity<Object>> handleProblem(ProblemException ex, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatusCode.valueOf(ex.status()), ex.type(), ex.title(), ex.detail(), exchange);
        ex.properties().forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        retryAfter(ex).ifPresent(seconds -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        if (ex.status() == 403 && !ex.isAudited()) {
            return audited(exchange, ex.type()).then(respond(problem, headers)); // R-SEC-4
        }
        return respond(problem, headers);
    }

    /** R-SEC-4: a refusal is on the trail before it is answered (once; a failure to audit is logged, the answer stays 403). */
    private Mono<Void> audited(ServerWebExchange exchange, String problemType) {
        return problems == null ? Mono.empty() : problems.audit(exchange, problemType);
    }

    /**
     * When to try again (RFC 9110 §10.2.3): the problem's {@code retryAfterSeconds}, or for a 503 (nothing was done) or
     * a 429 that names none, {@value ProblemException#DEFAULT_RETRY_AFTER_SECONDS} seconds.
     */
    static java.util.Optional<Long> retryAfter(ProblemException ex) {
        if (ex.properties().get(ProblemException.RETRY_AFTER_SECONDS) instanceof Number seconds && seconds.longValue() > 0) {
            return java.util.Optional.of(seconds.longValue());
        }
        return ex.status() == 503 || ex.status() == 429 ? java.util.Optional.of(ProblemException.DEFAULT_RETRY_AFTER_SECONDS)
                : java.util.Optional.empty();
    }

    @ExceptionHandler(DataBufferLimitException.class)
    public Mono<ResponseEntity<Object>> handleTooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
        return respond(ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                "请求内容过大 (The request body is larger than this service accepts)", exchange), new HttpHeaders());
    }

    /** The firewall refuses a request it finds odd (a control character in a parameter's name, say): the client's mistake. */
    @ExceptionHandler(ServerExchangeRejectedException.class)
    public Mono<ResponseEntity<Object>> handleRejected(ServerExchangeRejectedException ex, ServerWebExchange exchange) {
        return respond(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                "请求的地址或参数含有不允许的字符 (The address or a parameter of the request has characters that are not allowed)",
                exchange), new HttpHeaders());
    }

    @ExceptionHandler(AccessDeniedException.class)
    public Mono<ResponseEntity<Object>> handleAccessDenied(AccessDeniedException ex, ServerWebExchange exchange) {
        return audited(exchange, "forbidden").then(respond(ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "您没有执行此操作的权限 (You may not do this)", exchange), new HttpHeaders()));
    }

    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        Throwable tooLarge = cause(ex, DataBufferLimitException.class);
        if (tooLarge != null) {
            return handleTooLarge((DataBufferLimitException) tooLarge, exchange);
        }
        Throwable rejected = cause(ex, ServerExchangeRejectedException.class);
        if (rejected != null) {
            return handleRejected((ServerExchangeRejectedException) rejected, exchange);
        }
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "系统内部错误，请把关联编号告诉技术支持 (Something went wrong on our side; quote the correlation id to support)", exchange);
        try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.KEY, String.valueOf(problem.getProperties() == null ? "" : problem.getProperties().get("correlationId")))) {
            log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        }
        return respond(problem, new HttpHeaders());
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
                                                                        HttpStatusCode status, ServerWebExchange exchange) {
        Throwable tooLarge = cause(ex, DataBufferLimitException.class);
        if (tooLarge != null) {
            return handleTooLarge((DataBufferLimitException) tooLarge, exchange);
        }
        return respond(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid request",
                describeInput(ex), exchange), headers);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex, HttpHeaders headers,
                                                                        HttpStatusCode status, ServerWebExchange exchange) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldError error : ex.getFieldErrors()) {
            fields.putIfAbsent(error.getField(), error.getDefaultMessage());
        }
        ex.getGlobalErrors().forEach(error -> fields.putIfAbsent(error.getObjectName(), error.getDefaultMessage()));
        String list = fields.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid request",
                "请检查填写的内容 (Please correct: " + list + ")", exchange);
        problem.setProperty("fields", fields);
        return respond(problem, headers);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex, HttpHeaders headers,
                                                                                HttpStatusCode status, ServerWebExchange exchange) {
        String list = ex.getParameterValidationResults().stream()
                .map(result -> result.getMethodParameter().getParameterName() + " "
                        + result.getResolvableErrors().stream().map(e -> String.valueOf(e.getDefaultMessage())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return respond(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid request",
                "请检查填写的内容 (Please correct: " + list + ")", exchange), headers);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(MissingRequestValueException ex, HttpHeaders headers,
                                                                            HttpStatusCode status, ServerWebExchange exchange) {
        return respond(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid request",
                "缺少必填项 (Missing " + ex.getLabel() + " '" + ex.getName() + "')", exchange), headers);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleResponseStatusException(ResponseStatusException ex, HttpHeaders headers,
                                                                       HttpStatusCode status, ServerWebExchange exchange) {
        if (status.value() == 413) {
            return handleTooLarge(new DataBufferLimitException(String.valueOf(ex.getReason())), exchange);
        }
        if (ex instanceof NoResourceFoundException || status.value() == 404) {
            return respond(ProblemResponses.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "没有这个地址 (No such resource: " + Echo.of(exchange.getRequest().getPath().value()) + ")", exchange), headers);
        }
        return respond(ProblemResponses.problem(status, slug(status), reason(status),
                ex.getReason() == null ? reason(status) : bounded(ex.getReason()), exchange), headers);
    }

    /**
     * WebFlux calls a path variable that converts to nothing (" " for a day or an id) a server
     * error; it is the client's address that is wrong (found by the fuzz).
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerErrorException(ServerErrorException ex, HttpHeaders headers,
                                                                     HttpStatusCode status, ServerWebExchange exchange) {
        MethodParameter parameter = ex.getMethodParameter();
        if (parameter != null && parameter.hasParameterAnnotation(PathVariable.class)) {
            String name = parameter.getParameterName() == null ? "parameter" : parameter.getParameterName();
            return respond(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid request",
                    "请求地址中的 " + name + " 为空或格式不对 (The address's '" + name + "' is empty or malformed)", exchange), headers);
        }
        return handleUnexpected(ex, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMethodNotAllowedException(MethodNotAllowedException ex, HttpHeaders headers,
                                                                         HttpStatusCode status, ServerWebExchange exchange) {
        return respond(ProblemResponses.problem(status, "method-not-allowed", "Method not allowed",
                "不支持此操作 (" + Echo.of(ex.getHttpMethod()) + " is not allowed here; allowed: " + ex.getSupportedMethods() + ")", exchange), headers);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleUnsupportedMediaTypeStatusException(UnsupportedMediaTypeStatusException ex, HttpHeaders headers,
                                                                                   HttpStatusCode status, ServerWebExchange exchange) {
        return respond(ProblemResponses.problem(status, "unsupported-media-type", "Unsupported media type",
                "请以 JSON 格式提交 (Send the body as application/json)", exchange), headers);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleNotAcceptableStatusException(NotAcceptableStatusException ex, HttpHeaders headers,
                                                                            HttpStatusCode status, ServerWebExchange exchange) {
        return respond(ProblemResponses.problem(status, "not-acceptable", "Not acceptable",
                "无法以所请求的格式答复 (This resource answers " + ex.getSupportedMediaTypes() + ")", exchange), headers);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                                 HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(String.valueOf(problem.getType()))) {
                problem.setType(ProblemResponses.type(slug(status)));
            }
            Object id = exchange.getAttribute(CorrelationId.KEY);
            if (id != null) {
                problem.setProperty("correlationId", id);
            }
        }
        return super.handleExceptionInternal(ex, body, headers, status, exchange);
    }

    private Mono<ResponseEntity<Object>> respond(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(ProblemResponses.PROBLEM_JSON);
        return Mono.just(ResponseEntity.status(problem.getStatus()).headers(out).body(problem));
    }

    /** A sentence about what is wrong with the request's body or parameters. */
    static String describeInput(ServerWebInputException ex) {
        TypeMismatchException mismatch = (TypeMismatchException) cause(ex, TypeMismatchException.class);
        if (mismatch != null) {
            String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName()
                    : ex.getMethodParameter() != null ? ex.getMethodParameter().getParameterName() : "parameter";
            String expected = mismatch.getRequiredType() == null ? "another type" : expected(mismatch.getRequiredType());
            return "参数格式不对 (Parameter '" + name + "' must be " + expected + ", not '" + echo(mismatch.getValue()) + "')";
        }
        JacksonException json = (JacksonException) cause(ex, JacksonException.class);
        if (json instanceof ValueInstantiationException instantiation) {
            Throwable reason = instantiation.getCause() == null ? instantiation : instantiation.getCause();
            return "内容不符合要求 (" + at(instantiation) + bounded(firstLine(reason.getMessage())) + ")";
        }
        if (json instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            return "字段格式不对 (" + at(invalid) + "'" + echo(invalid.getValue()) + "' is not " + expected(invalid.getTargetType()) + ")";
        }
        if (json instanceof MismatchedInputException mismatched) {
            Class<?> target = mismatched.getTargetType();
            return "字段类型不对 (" + at(mismatched) + "expected " + (target == null ? "another type" : expected(target)) + ")";
        }
        if (json instanceof StreamConstraintsException) {
            // issue 9: nesting, string, number and name lengths are bounded before anything is built from them
            return "请求内容超出限制：嵌套过深、文字或数字过长 (The body exceeds a limit: " + bounded(firstLine(json.getOriginalMessage())) + ")";
        }
        if (json instanceof StreamReadException) {
            return "请求内容不是有效的 JSON (The body is not valid JSON: " + bounded(firstLine(json.getOriginalMessage())) + ")";
        }
        if (json instanceof DatabindException databind) {
            return "请求内容有误 (" + at(databind) + bounded(firstLine(databind.getOriginalMessage())) + ")";
        }
        if (cause(ex, DecodingException.class) != null || ex.getReason() != null && ex.getReason().contains("body")) {
            return "请求内容有误或缺失 (The request body is missing or cannot be read)";
        }
        return "请求有误 (" + (ex.getReason() == null ? "bad request" : bounded(ex.getReason())) + ")";
    }

    /** A value from the request as it may appear in an answer: at most {@value Echo#MAX} characters of it ({@link Echo}). */
    static String echo(Object value) {
        return Echo.of(value);
    }

    /** A quoted piece of a message: a token, a field name or a value the client sent. */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'[^']*'|\"[^\"]*\"|`[^`]*`");
    /** The longest message of a parser or a framework an answer repeats, once every quoted input in it is bounded. */
    static final int MAX_MESSAGE = 300;

    /**
     * A parser's or framework's message, which quotes what the client sent ("Unrecognized token 'xxx…'", "Unrecognized
     * field \"xxx…\"", "from String \"xxx…\""): each quoted piece bounded by {@link Echo}, control characters shown as
     * {@code ?}, and the whole at most {@value #MAX_MESSAGE} characters — so no input comes back longer than Echo allows.
     */
    static String bounded(String message) {
        if (message == null) {
            return "unreadable";
        }
        java.util.regex.Matcher quoted = QUOTED.matcher(message);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (quoted.find()) {
            out.append(message, last, quoted.start());
            String piece = quoted.group();
            char quote = piece.charAt(0);
            out.append(quote).append(Echo.of(piece.substring(1, piece.length() - 1))).append(quote);
            last = quoted.end();
        }
        String rest = message.substring(last);
        // an unclosed quote (the parser cut the token off): what follows it is input too
        int open = Math.max(rest.lastIndexOf('\''), rest.lastIndexOf('"'));
        if (open >= 0) {
            out.append(rest, 0, open + 1).append(Echo.of(rest.substring(open + 1)));
        } else {
            out.append(rest);
        }
        String all = controlFree(out.toString());
        return all.length() <= MAX_MESSAGE ? all : all.substring(0, MAX_MESSAGE) + "…";
    }

    private static String controlFree(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE ? '?' : c));
        return out.toString();
    }

    private static String at(DatabindException ex) {
        String path = ex.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? Echo.of(ref.getPropertyName()) : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "" : "field '" + path + "': ";
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (type == java.time.LocalDate.class) {
            return "a date like 2026-11-27";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "a time like 2026-11-27T09:30:00+08:00";
        }
        if (type == java.util.UUID.class) {
            return "an id like 3f1c2d4e-0000-4000-8000-000000000000";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "text";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static Throwable cause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String slug(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase().replace('_', '-');
    }

    private static String reason(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error " + status.value() : known.getReasonPhrase();
    }
}
