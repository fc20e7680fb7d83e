package io.anchang.reception.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.events.reception.MeetingRecorded;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.reception.domain.MeetingRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * R-OPS-1: the MANAGER records the evening meeting — each rep's customers, new ones especially, follow-ups and
 * registrations handed in — on its own day (the site's calendar, the server's clock); the site's staff read it. Each
 * save goes out as {@code reception.meeting-recorded}, the evidence R-ATT-1 falls back on where the registers have no
 * entry.
 */
public class RecordingMeetings {

    /** The longest span one reading of past records covers. */
    public static final int MAX_DAYS = 93;

    private final Sites sites;
    private final Meetings meetings;
    private final Clock clock;

    public RecordingMeetings(Sites sites, Meetings meetings, Clock clock) {
        this.sites = sites;
        this.meetings = meetings;
        this.clock = clock;
    }

    /**
     * @param expectedRevision the revision the MANAGER's screen showed, if any: a save over a newer one is refused (409)
     */
    public Mono<MeetingRecord> record(Caller caller, String site, LocalDate day, List<MeetingRecord.RepReport> reports, String notes,
                                      Long expectedRevision) {
        caller.requireOn(site, Role.MANAGER);
        return SiteOperations.site(sites, caller, site).flatMap(known -> SiteOperations.change(
                () -> meetings.find(caller.scope(), site, day),
                stored -> {
                    MeetingRecord previous = stored.value();
                    long revision = previous == null ? 0 : previous.revision();
                    if (expectedRevision != null && expectedRevision != revision) {
                        return Mono.error(ProblemException.conflict("meeting-changed", "这份晚会记录已被他人更新（第 " + revision
                                + " 版），请刷新后再保存 (The record was saved meanwhile, revision " + revision + "; reload it)"));
                    }
                    Instant now = clock.instant();
                    MeetingRecord next = MeetingRecord.record(previous, known, day, known.today(now), reports, notes,
                            caller.userId(), now);
                    PendingEvent event = PendingEvent.of(site, next.id(), new MeetingRecorded(next.id(), site, day, next.revision(),
                                    next.reports().stream().map(r -> new MeetingRecorded.Report(r.rep(), r.customers().stream()
                                            .map(m -> new MeetingRecorded.Mention(m.customerId(), m.archiveNo(), m.name(),
                                                    m.phoneMasked(), m.newCustomer(), m.note())).toList(), r.followUps(), r.analysis(),
                                            r.registrationsHandedIn())).toList(), next.notes(), caller.userId(), now))
                            .before(previous == null ? null : "revision " + previous.revision())
                            .because("R-OPS-1 晚会记录");
                    return SiteOperations.written(meetings.save(caller, next, stored.version(), List.of(event)), next);
                }));
    }

    public Mono<MeetingRecord> find(Caller caller, String site, LocalDate day) {
        readers(caller, site);
        return meetings.find(caller.scope(), site, day).map(Stored::value)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("meeting-unknown", day + " 没有晚会记录 (No meeting was recorded on "
                        + day + ")")));
    }

    public Flux<MeetingRecord> between(Caller caller, String site, LocalDate from, LocalDate to) {
        readers(caller, site);
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw ProblemException.invalid("period-invalid", "查询区间须在 " + MAX_DAYS + " 天以内且起始不晚于结束 (The period runs forward and spans at most "
                    + MAX_DAYS + " days)");
        }
        return meetings.between(caller.scope(), site, from, to);
    }

    private static void readers(Caller caller, String site) {
        caller.scope().requireRead(site);
        if (!caller.hasAny(Role.SALES, Role.ASSISTANT, Role.HEAD_OFFICE)) {
            throw ProblemException.forbidden("role-required", "晚会记录供案场销售人员查阅 (The meeting record is for the site's sales staff)");
        }
    }
}
