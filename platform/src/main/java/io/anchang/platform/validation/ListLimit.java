package io.anchang.platform.validation;

import io.anchang.platform.problem.ProblemException;

/**
 * How many rows a list answers: a client's {@code limit} within 1..{@code most}, else a 400
 * problem detail naming the range — never quietly clamped, the same as every page size.
 */
public final class ListLimit {

    private ListLimit() {
    }

    /** {@code limit} when it lies within 1..{@code most}; otherwise 400 {@code limit-invalid}. */
    public static int of(int limit, int most) {
        if (limit < 1 || limit > most) {
            throw ProblemException.invalid("limit-invalid", "每次列出的条数 limit 须在 1 到 " + most + " 之间，现为 " + limit
                    + " (limit must be 1.." + most + ", not " + limit + ")");
        }
        return limit;
    }
}
