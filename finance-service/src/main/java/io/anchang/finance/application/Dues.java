package io.anchang.finance.application;

import io.anchang.finance.domain.Due;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;

/** The amounts due at the desk (R-FIN-3). Every change is conditional on the due's version. */
public interface Dues {

    /** Opens the amount due with its event, unless it is open already (a redelivered event). */
    Mono<Void> open(Due due, PendingEvent opened);

    Mono<Due> find(SiteScope scope, String site, String dueId);

    /** The site's amounts due, by day. */
    Flux<Due> of(SiteScope scope, String site);

    /** Every amount due of a deal (background work). */
    Flux<Due> ofDeal(String site, String dealId);

    /** OPEN amounts due whose day is before {@code day}, at every site: the daily check's candidates. */
    Flux<Due> openBefore(LocalDate day);

    /** Amounts due with a payment claimed before {@code before} and no receipt yet (a payment interrupted). */
    Flux<Due> unreceipted(Instant before);

    /** Writes the due's new state with its events only if it is still at {@code due.version()}. */
    Mono<Boolean> save(Caller caller, Due due, java.util.List<PendingEvent> events);
}
