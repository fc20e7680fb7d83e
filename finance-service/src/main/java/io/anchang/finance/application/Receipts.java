package io.anchang.finance.application;

import io.anchang.finance.domain.Receipt;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Mono;

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
}
