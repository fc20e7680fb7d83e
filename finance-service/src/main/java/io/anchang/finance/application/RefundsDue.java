package io.anchang.finance.application;

import io.anchang.finance.domain.RefundDue;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;

/** What the desk owes back. */
public interface RefundsDue {

    /** Opens the item with its event, once per request. */
    Mono<Void> open(RefundDue refund);

    Flux<RefundDue> of(SiteScope scope, String site);

    Mono<RefundDue> find(SiteScope scope, String site, String refundId);

    /** Writes the refund as it now stands, only if the store still holds {@code refund.version()}: false if another write came first. */
    Mono<Boolean> save(Caller caller, RefundDue refund);

    /** Refunds with a payout claimed before {@code before} whose voucher is not noted yet. */
    Flux<RefundDue> unvouchered(Instant before);
}
