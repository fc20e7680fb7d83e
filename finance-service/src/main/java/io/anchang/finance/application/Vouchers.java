package io.anchang.finance.application;

import io.anchang.finance.domain.Voiding;
import io.anchang.finance.domain.Voucher;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.function.Function;

/** Payment vouchers (付款凭证), numbered gap-free per site and year like receipts (R-FIN-1, R-FIN-4). */
public interface Vouchers {

    record Issued(Voucher voucher, boolean fresh) {
    }

    /** Records the payout under the next free number with its event in one write; the voucher of the same payout key if it has one. */
    Mono<Issued> issue(Caller caller, Function<Long, Voucher> draft, Function<Voucher, PendingEvent> event);

    /** The voucher issued for {@link Voucher#payoutKey()}, if any. */
    Mono<Voucher> ofPayout(String payoutKey);

    /** R-FIN-7: marks the voucher as reversed by {@code reversal}. */
    Mono<Void> reversedBy(String site, String number, String reversal);

    Mono<Voucher> find(SiteScope scope, String site, String number);

    /** The vouchers booked on {@code day}. */
    Flux<Voucher> ofDay(String site, LocalDate day);

    /** Voids it with its event, only if not voided and its day not closed. */
    Mono<Boolean> voidIt(String site, String number, Voiding voiding, PendingEvent event);

    /** Marks every voucher booked on {@code day} as closed with it (日结). */
    Mono<Long> close(String site, LocalDate day);

    /** Books the vouchers of {@code day} not closed with it on {@code next} (written as the day closed). */
    Mono<Long> moveUnclosed(String site, LocalDate day, LocalDate next);
}
