package io.anchang.finance.application;

import io.anchang.finance.domain.Receipt;
import io.anchang.finance.domain.Voiding;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;

import java.util.function.Function;

/** Receipts and the payments they record, numbered gap-free per site and year (R-FIN-1). */
public interface Receipts {

    /** A receipt just issued, or the one a request already had. */
    record Issued(Receipt receipt, boolean fresh) {
    }

    /**
     * Records the payment under the next free number of the site's year, with the events
     * {@code events} makes for that receipt, in one atomic write; if the request has a receipt
     * already, answers that one.
     */
    Mono<Issued> issue(Caller caller, Function<Long, Receipt> draft, Function<Receipt, PendingEvent> event);

    /** The receipt of a deposit request, if it has one. */
    Mono<Receipt> ofRequest(String requestId);

    Mono<Receipt> find(SiteScope scope, String site, String number);

    /**
     * The receipts booked on {@code day} of the site's calendar; those written before days were kept count on the
     * day of their time ({@code from} inclusive to {@code to} exclusive).
     */
    Flux<Receipt> ofDay(String site, LocalDate day, Instant from, Instant to);

    /** R-FIN-1: voids it with its event, only if it is not voided, not reversed, and its day not closed. */
    Mono<Boolean> voidIt(String site, String number, Voiding voiding, PendingEvent event);

    /** R-FIN-7: the receipt was reversed on a later day by {@code reversal}. */
    Mono<Void> reversedBy(String site, String number, String reversal);

    /** Marks every receipt booked on {@code day} as closed with it (日结). */
    Mono<Long> close(String site, LocalDate day, Instant from, Instant to);

    /** Books the receipts of {@code day} not closed with it on {@code next} (written as the day closed). */
    Mono<Long> moveUnclosed(String site, LocalDate day, LocalDate next);
}
