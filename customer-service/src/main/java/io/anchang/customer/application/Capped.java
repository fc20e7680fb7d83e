package io.anchang.customer.application;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * A list read up to a limit, and whether the limit cut it: a list that stops at its limit says so, so a desk clerk who
 * sees 500 rows knows there are more and narrows the search instead of taking the rows for all there is.
 *
 * @param truncated the store held more rows than {@code limit}; {@code items} are the first {@code limit} of them
 */
public record Capped<T>(List<T> items, int limit, boolean truncated) {

    public Capped {
        items = List.copyOf(items);
    }

    /** The first {@code limit} of {@code rows}, which must be read with a limit of {@code limit + 1} (one more tells the cut). */
    public static <T> Mono<Capped<T>> of(Flux<T> rows, int limit) {
        return rows.take(limit + 1L).collectList()
                .map(all -> all.size() > limit ? new Capped<>(all.subList(0, limit), limit, true) : new Capped<>(all, limit, false));
    }
}
