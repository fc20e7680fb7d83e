package io.anchang.platform.api.attribution;

import java.util.List;

/**
 * Flow 1's questions asked together (issue 17): reception-service coalesces the walk-ins and calls of a burst that wait
 * for customer-service into one call of at most {@link #MOST} questions of one site, instead of one call each. Asked by
 * reception-service's own identity only, as the single question ({@link AttributionApi}). Each question is decided on
 * its own: the outcomes come in the order of the questions, each an answer or the problem that question alone met —
 * one bad question never fails the others.
 */
public final class AttributionBatch {

    /** {@code POST}, with {@link Questions}; answers {@link Outcomes}. */
    public static final String PATH = AttributionApi.PATH + "/batch";

    /** The most questions in one call; more are refused whole (400). */
    public static final int MOST = 50;

    private AttributionBatch() {
    }

    /** The questions, all of the site in the path. */
    public record Questions(List<AttributionRequest> questions) {
    }

    /** One outcome per question, in their order. */
    public record Outcomes(List<Outcome> outcomes) {

        public Outcomes {
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }
    }

    /**
     * What one question came to: its {@code answer}, or the {@code problem} it met (a 4xx: the question was refused; a 5xx:
     * customer-service failed on it).
     */
    public record Outcome(String visitId, AttributionAnswer answer, Problem problem) {
    }

    /** A problem detail's essentials (RFC 9457), for one question. */
    public record Problem(int status, String type, String title, String detail) {
    }
}
