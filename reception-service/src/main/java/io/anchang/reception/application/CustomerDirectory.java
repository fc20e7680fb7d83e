package io.anchang.reception.application;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import reactor.core.publisher.Mono;

/**
 * customer-service, asked with a time limit and a circuit breaker (flow 1). It fails with {@link Unavailable} when it
 * fails, does not answer in time or its breaker is open — the desk then registers the visit in degraded mode — and with
 * the problem it answered when it refused the question. A burst waits its turn rather than going to degraded mode
 * (issue 17): the desk {@link #reserve() reserves} a place in that queue before it writes anything, and is refused with
 * 503 — nothing done — only when the queue is full.
 */
public interface CustomerDirectory {

    /** A question asked without a place reserved: reception's own background work (the reconciliation). */
    Mono<AttributionAnswer> attribute(String site, AttributionRequest request);

    /**
     * A place in the queue for one question, taken before the desk writes anything.
     *
     * @throws io.anchang.platform.problem.ProblemException 503 when the queue is full: nothing was done, send it again
     */
    default Place reserve() {
        return new Place() {
            @Override
            public Mono<AttributionAnswer> attribute(String site, AttributionRequest request) {
                return CustomerDirectory.this.attribute(site, request);
            }

            @Override
            public void release() {
            }
        };
    }

    /** A reserved place: its question always gets into the queue. Released once the flow is over, whatever happened. */
    interface Place {

        Mono<AttributionAnswer> attribute(String site, AttributionRequest request);

        /** Gives the place back; once is enough, more is harmless. */
        void release();
    }

    /** customer-service did not answer in time, failed, or its breaker is open. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
