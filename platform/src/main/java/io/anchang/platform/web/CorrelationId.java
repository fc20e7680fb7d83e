package io.anchang.platform.web;

import reactor.util.context.ContextView;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id that ties one user action together across the gateway, the services
 * and Kafka: HTTP header {@value #HEADER}, Kafka header {@value #KAFKA_HEADER}, log field
 * and Reactor context key {@value #KEY}.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String KAFKA_HEADER = "correlationId";
    public static final String KEY = "correlationId";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationId() {
    }

    /** The incoming id if it is safe to log and pass on, else a new one. */
    public static String acceptOrCreate(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    public static Optional<String> from(ContextView context) {
        return context.getOrEmpty(KEY).map(String::valueOf);
    }
}
