package io.anchang.reception.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.MeetingRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** The evening meetings' records (R-OPS-1), one per site and day. */
public interface Meetings {

    Mono<Stored<MeetingRecord>> find(SiteScope scope, String site, LocalDate day);

    /** The records from {@code from} to {@code to}, both included, newest first. */
    Flux<MeetingRecord> between(SiteScope scope, String site, LocalDate from, LocalDate to);

    /** Stores the record with its events if it is still at {@code expectedVersion} (0: not stored yet). */
    Mono<Boolean> save(Caller caller, MeetingRecord record, long expectedVersion, List<PendingEvent> events);
}
