package io.anchang.finance.application;

import io.anchang.finance.domain.DepositRequest;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;

/** The finance desk's queue of deposit requests; every change of status is conditional on the status it changes. */
public interface DepositRequests {

    /** Queues a request unless it is known already (redelivery). */
    Mono<Void> add(DepositRequest request);

    Mono<DepositRequest> find(SiteScope scope, String requestId);

    Flux<DepositRequest> queued(SiteScope scope, String site);

    /**
     * R-FIN-2: claims the request for {@code payment} — {@code expected} → CONFIRMING with the payment —
     * only if it is still {@code expected}: of a confirmation and the lapse check, or of two
     * confirmations, exactly one wins. Empty if the request changed meanwhile.
     */
    Mono<DepositRequest> claim(String requestId, DepositRequest.Status expected, DepositRequest.Payment payment);

    /** CONFIRMING → {@code done} (CONFIRMED or RECORDED_LATE) with the receipt's number. */
    Mono<Void> done(String requestId, String receiptNo, DepositRequest.Status done);

    /** Queued requests whose deadline passed by {@code now}, at every site. */
    Flux<DepositRequest> overdue(Instant now);

    /**
     * R-DEAL-2, R-FIN-2: QUEUED → LAPSED with {@code lapsed} (its event) in one conditional write, only
     * if still queued with its deadline passed by {@code now}. False if a confirmation came first.
     */
    Mono<Boolean> lapse(DepositRequest request, Instant now, PendingEvent lapsed);

    /** Confirmations claimed by {@code claimedBy} and not finished (the service stopped between the steps), at every site. */
    Flux<DepositRequest> unfinished(Instant claimedBy);

    /** The queued request of this hold is cancelled (the hold was released). */
    Mono<Void> cancelForHold(String site, String holdId);
}
