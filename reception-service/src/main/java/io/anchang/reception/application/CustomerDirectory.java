package io.anchang.reception.application;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import reactor.core.publisher.Mono;

/**
 * customer-service, asked synchronously with a time limit and a circuit breaker (flow 1). It
 * fails with {@link Unavailable} when it does not answer in time or its breaker is open —
 * the desk then registers the visit in degraded mode — and with the problem it answered
 * when it refused the request.
 */
public interface CustomerDirectory {

    Mono<AttributionAnswer> attribute(String site, AttributionRequest request);

    /** customer-service did not answer in time, failed, or its breaker is open. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
