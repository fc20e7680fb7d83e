package io.anchang.reception.application;

import io.anchang.platform.events.reception.MarketNoteShared;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.reception.domain.MarketNote;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** R-OPS-5: property news reviewed each week, shared with the site's team as market notes. */
public class SharingMarketNotes {

    private final Sites sites;
    private final MarketNotes notes;
    private final Clock clock;

    public SharingMarketNotes(Sites sites, MarketNotes notes, Clock clock) {
        this.sites = sites;
        this.notes = notes;
        this.clock = clock;
    }

    public Mono<MarketNote> share(Caller caller, String site, String title, String content, List<String> sources) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        return SiteOperations.site(sites, caller, site).flatMap(known -> {
            Instant now = clock.instant();
            MarketNote note = MarketNote.share(UUID.randomUUID().toString(), site, known.today(now), title, content, sources,
                    caller.userId(), now);
            return notes.add(caller, note, List.of(PendingEvent.of(site, note.id(), new MarketNoteShared(note.id(), site, note.week(),
                    note.title(), caller.userId(), now)).because("R-OPS-5 每周市场信息"))).thenReturn(note);
        });
    }

    /** The notes of the week of {@code day} (this week when null). */
    public Flux<MarketNote> ofWeek(Caller caller, String site, LocalDate day) {
        caller.scope().requireRead(site);
        if (!caller.hasAny(Role.SALES, Role.ASSISTANT, Role.HEAD_OFFICE)) {
            throw ProblemException.forbidden("role-required", "市场信息供案场销售人员查阅 (Market notes are for the site's sales staff)");
        }
        return SiteOperations.site(sites, caller, site).flatMapMany(known -> notes.ofWeek(caller.scope(), site,
                MarketNote.weekOf(day != null ? day : known.today(clock.instant()))));
    }
}
