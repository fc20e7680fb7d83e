package io.anchang.finance.application;

import io.anchang.finance.domain.DeskDay;
import io.anchang.platform.outbox.PendingEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;

/** The finance desk's days per site (R-FIN-7). */
public interface DeskDays {

    /** The day as it stands; OPEN when nothing was written about it yet. */
    Mono<DeskDay> find(String site, LocalDate day);

    /** OPEN (or never written) → CLOSING, conditionally: true if this call began it or it was CLOSING already. */
    Mono<Boolean> beginClose(String site, LocalDate day, String by, String byName, Instant at);

    /** CLOSING → CLOSED with its totals and event, conditionally. */
    Mono<Boolean> closed(DeskDay closed, PendingEvent event);

    /** Days left CLOSING (a close interrupted), and days CLOSED since {@code closedSince}: the sweep finishes and tidies them. */
    Flux<DeskDay> notOpen(Instant closedSince);
}
