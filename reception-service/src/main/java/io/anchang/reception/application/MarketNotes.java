package io.anchang.reception.application;

import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.MarketNote;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** Weekly market notes (R-OPS-5). */
public interface MarketNotes {

    Mono<Void> add(Caller caller, MarketNote note, List<PendingEvent> events);

    /** The notes of a week (its Monday), newest first. */
    Flux<MarketNote> ofWeek(SiteScope scope, String site, LocalDate week);
}
