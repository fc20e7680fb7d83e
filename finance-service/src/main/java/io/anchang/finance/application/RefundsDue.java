package io.anchang.finance.application;

import io.anchang.finance.domain.RefundDue;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the desk owes back. */
public interface RefundsDue {

    /** Opens the item with its event, once per request. */
    Mono<Void> open(RefundDue refund);

    Flux<RefundDue> of(SiteScope scope, String site);

    Mono<RefundDue> find(SiteScope scope, String site, String refundId);

    /** OPEN → PAYING with the payout, conditionally: empty if it was not OPEN. */
    Mono<RefundDue> claim(String refundId, RefundDue.Payout payout);

    /** PAYING → PAID with its voucher. */
    Mono<Void> paid(String refundId, String voucherNo);

    /** PAID by {@code voucherNo} → OPEN again (the voucher was voided). */
    Mono<Void> reopen(String refundId, String voucherNo);

    /** Payouts claimed before {@code before} and not finished. */
    Flux<RefundDue> paying(java.time.Instant before);
}
