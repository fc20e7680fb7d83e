package io.anchang.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered as an RFC 9457 problem detail. {@code type} is a stable slug
 * ({@code unit-already-held}); {@code detail} says what is wrong and what to do, in
 * Chinese first, then English.
 */
public class ProblemException extends RuntimeException {

    /**
     * The property that says in how many seconds to try again; the answer carries it as the {@code Retry-After}
     * header too. A 503 or 429 without it is answered {@code Retry-After: }{@value #DEFAULT_RETRY_AFTER_SECONDS}.
     */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";
    public static final long DEFAULT_RETRY_AFTER_SECONDS = 5;

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties;
    private final boolean audited;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public ProblemException(int status, String type, String title, String detail, Map<String, Object> properties) {
        this(status, type, title, detail, properties, false);
    }

    private ProblemException(int status, String type, String title, String detail, Map<String, Object> properties, boolean audited) {
        // a client's mistake or a lost race (4xx) is an answer, not a fault: no stack trace to fill in — on opening day nine
        // attempts in ten end in a 409, each through a deep reactive stack (issue 17); a 5xx keeps its trace for the log
        super(detail, null, false, status >= 500);
        this.status = status;
        this.type = type;
        this.title = title;
        this.properties = new LinkedHashMap<>(properties);
        this.audited = audited;
    }

    /**
     * R-SEC-4: the same refusal, marked as already written to the audit trail by the use case that raised it (a
     * phone reveal, an agreement print, a payment), so that the platform does not write it a second time.
     */
    public ProblemException audited() {
        return new ProblemException(status, type, title, getMessage(), properties, true);
    }

    /** Whether the use case that raised this refusal audited it itself ({@link #audited()}). */
    public boolean isAudited() {
        return audited;
    }

    public int status() {
        return status;
    }

    /** The stable slug; the problem's {@code type} URI is {@code urn:anchang:problem:<slug>}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /** 400: the request itself is wrong. */
    public static ProblemException invalid(String type, String detail) {
        return new ProblemException(400, type, "Invalid request", detail);
    }

    /** 404: no such record in the caller's sites. */
    public static ProblemException notFound(String type, String detail) {
        return new ProblemException(404, type, "Not found", detail);
    }

    /** 409: the record is not in a state that allows this, or someone changed it first. */
    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, type, "Conflict", detail);
    }

    /** 403: the caller may not do this. */
    public static ProblemException forbidden(String type, String detail) {
        return new ProblemException(403, type, "Forbidden", detail);
    }
}
