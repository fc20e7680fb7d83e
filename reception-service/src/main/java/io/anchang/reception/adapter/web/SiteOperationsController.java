package io.anchang.reception.adapter.web;

import io.anchang.platform.phone.Phone;
import io.anchang.platform.security.Caller;
import io.anchang.reception.application.HandingInPlans;
import io.anchang.reception.application.RecordingIncidents;
import io.anchang.reception.application.RecordingMeetings;
import io.anchang.reception.application.SharingMarketNotes;
import io.anchang.reception.domain.Incident;
import io.anchang.reception.domain.MarketNote;
import io.anchang.reception.domain.MeetingRecord;
import io.anchang.reception.domain.Plan;
import io.anchang.platform.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Site operations (R-OPS): the evening meeting's record (R-OPS-1), daily and weekly plans (R-OPS-2), incidents on the
 * floor (R-OPS-3) and weekly market notes (R-OPS-5). A phone named in a meeting record is kept masked only (R-SEC-3).
 */
@RestController
@RequestMapping("/api/reception/sites/{site}")
public class SiteOperationsController {

    private final RecordingMeetings meetings;
    private final HandingInPlans plans;
    private final RecordingIncidents incidents;
    private final SharingMarketNotes notes;

    public SiteOperationsController(RecordingMeetings meetings, HandingInPlans plans, RecordingIncidents incidents,
                                    SharingMarketNotes notes) {
        this.meetings = meetings;
        this.plans = plans;
        this.incidents = incidents;
        this.notes = notes;
    }

    /**
     * The day's meeting record as the MANAGER saves it, whole.
     *
     * @param revision the revision the screen showed (optional): a save over a newer one is refused
     */
    public record MeetingBody(@NotNull @Size(min = 1, max = MeetingRecord.MAX_REPORTS) List<@Valid @NotNull ReportBody> reports,
                              @PlainText(max = 4000, multiline = true) String notes, Long revision) {
    }

    public record ReportBody(@NotBlank @PlainText(max = 64) String rep,
                             @Size(max = MeetingRecord.MAX_CUSTOMERS) List<@Valid @NotNull MentionBody> customers,
                             @PlainText(max = 2000, multiline = true) String followUps, @PlainText(max = 2000, multiline = true) String analysis, Boolean registrationsHandedIn) {
    }

    /**
     * A customer a rep named: archive number or customer id if known, else a name; a phone given is kept masked only.
     */
    public record MentionBody(@PlainText(max = 64) String customerId, @PlainText(max = 40) String archiveNo, @PlainText(max = 50) String name,
                              @PlainText(max = 40) String phone, Boolean newCustomer, @PlainText(max = 500, multiline = true) String note) {
    }

    public record PlanBody(@NotNull Plan.Kind kind, @NotNull @Size(min = 1, max = Plan.MAX_ITEMS) List<@NotNull @PlainText(max = 200) String> items,
                           @PlainText(max = 2000, multiline = true) String note) {
    }

    public record SummaryBody(@NotBlank @PlainText(max = 4000, multiline = true) String summary) {
    }

    public record IncidentBody(Instant occurredAt, @NotNull @Size(min = 1, max = Incident.MAX_PARTIES) List<@Valid @NotNull PartyBody> parties,
                               @NotBlank @PlainText(max = 2000, multiline = true) String what, @PlainText(max = 2000, multiline = true) String actionTaken,
                               Boolean takenAwayFromFloor) {
    }

    public record PartyBody(@NotNull Incident.Party.Kind kind, @PlainText(max = 50) String name, @PlainText(max = 64) String userId,
                            @PlainText(max = 64) String customerId) {
    }

    public record ClosingBody(@NotBlank @PlainText(max = 2000, multiline = true) String outcome, @PlainText(max = 2000, multiline = true) String actionTaken,
                              Boolean takenAwayFromFloor) {
    }

    public record NoteBody(@NotBlank @PlainText(max = 100) String title, @NotBlank @PlainText(max = 8000, multiline = true) String content,
                           @Size(max = MarketNote.MAX_SOURCES) List<@NotNull @PlainText(max = 300) String> sources) {
    }

    // ---------------------------------------------------------------- R-OPS-1

    @Operation(summary = "R-OPS-1: the MANAGER saves the evening meeting's record of today (the site's calendar): each rep's "
            + "customers (new ones marked), follow-ups, analysis, registrations handed in; a past day's record is kept as it was (409)")
    @PutMapping("/meetings/{day}")
    public Mono<MeetingRecord> recordMeeting(Caller caller, @PathVariable String site, @PathVariable LocalDate day,
                                             @Valid @RequestBody MeetingBody body) {
        List<MeetingRecord.RepReport> reports = body.reports().stream().map(r -> new MeetingRecord.RepReport(r.rep(),
                r.customers() == null ? List.of() : r.customers().stream().map(SiteOperationsController::mention).toList(),
                r.followUps(), r.analysis(), Boolean.TRUE.equals(r.registrationsHandedIn()))).toList();
        return meetings.record(caller, site, day, reports, body.notes(), body.revision());
    }

    @Operation(summary = "R-OPS-1: the meeting record of a day (the site's sales staff)")
    @GetMapping("/meetings/{day}")
    public Mono<MeetingRecord> meeting(Caller caller, @PathVariable String site, @PathVariable LocalDate day) {
        return meetings.find(caller, site, day);
    }

    @Operation(summary = "R-OPS-1: the meeting records from one day to another (at most 93 days), newest first")
    @GetMapping("/meetings")
    public Flux<MeetingRecord> meetingsBetween(Caller caller, @PathVariable String site, @RequestParam LocalDate from,
                                               @RequestParam LocalDate to) {
        return meetings.between(caller, site, from, to);
    }

    // ---------------------------------------------------------------- R-OPS-2

    @Operation(summary = "R-OPS-2: a rep or the MANAGER hands in today's plan (DAILY) or next week's (WEEKLY, on Saturday) to the ASSISTANT; "
            + "again before it is handed back replaces its items")
    @PostMapping("/plans")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Plan> handIn(Caller caller, @PathVariable String site, @Valid @RequestBody PlanBody body) {
        return plans.handIn(caller, site, body.kind(), body.items(), body.note());
    }

    @Operation(summary = "R-OPS-2: the ASSISTANT's board of a period — plans handed in, and the reps and MANAGER who have not (ASSISTANT, MANAGER)")
    @GetMapping("/plans")
    public Mono<HandingInPlans.Board> planBoard(Caller caller, @PathVariable String site,
                                                @RequestParam(defaultValue = "DAILY") Plan.Kind kind,
                                                @RequestParam(required = false) LocalDate period) {
        return plans.board(caller, site, kind, period);
    }

    @Operation(summary = "R-OPS-2: the caller's own plans, newest first")
    @GetMapping("/plans/mine")
    public Flux<Plan> myPlans(Caller caller, @PathVariable String site) {
        return plans.mine(caller, site);
    }

    @Operation(summary = "R-OPS-2: the ASSISTANT hands a plan back to its author before close, for the summary")
    @PostMapping("/plans/{planId}/return")
    public Mono<Plan> handBack(Caller caller, @PathVariable String site, @PathVariable String planId) {
        return plans.handBack(caller, site, planId);
    }

    @Operation(summary = "R-OPS-2: the author writes the summary of a plan handed back")
    @PutMapping("/plans/{planId}/summary")
    public Mono<Plan> summarise(Caller caller, @PathVariable String site, @PathVariable String planId,
                                @Valid @RequestBody SummaryBody body) {
        return plans.summarise(caller, site, planId, body.summary());
    }

    // ---------------------------------------------------------------- R-OPS-3

    @Operation(summary = "R-OPS-3: the SUPERVISOR or MANAGER records an incident on the floor — who, what, the action taken, "
            + "whether the parties were taken away from the floor; up to 7 days after it happened")
    @PostMapping("/incidents")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Incident> recordIncident(Caller caller, @PathVariable String site, @Valid @RequestBody IncidentBody body) {
        return incidents.record(caller, site, body.occurredAt(), body.parties().stream()
                        .map(p -> new Incident.Party(p.kind(), p.name(), p.userId(), p.customerId())).toList(), body.what(),
                body.actionTaken(), Boolean.TRUE.equals(body.takenAwayFromFloor()));
    }

    @Operation(summary = "R-OPS-3: the SUPERVISOR or MANAGER closes an incident with its outcome")
    @PostMapping("/incidents/{incidentId}/closing")
    public Mono<Incident> closeIncident(Caller caller, @PathVariable String site, @PathVariable String incidentId,
                                        @Valid @RequestBody ClosingBody body) {
        return incidents.close(caller, site, incidentId, body.outcome(), body.actionTaken(), Boolean.TRUE.equals(body.takenAwayFromFloor()));
    }

    @Operation(summary = "R-OPS-3: the site's incidents, newest first; open=true: those not closed yet (SUPERVISOR, MANAGER)")
    @GetMapping("/incidents")
    public Flux<Incident> incidents(Caller caller, @PathVariable String site, @RequestParam(defaultValue = "false") boolean open) {
        return incidents.list(caller, site, open);
    }

    // ---------------------------------------------------------------- R-OPS-5

    @Operation(summary = "R-OPS-5: a weekly market note — property news reviewed and shared with the team (sales staff, ASSISTANT)")
    @PostMapping("/market-notes")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<MarketNote> shareNote(Caller caller, @PathVariable String site, @Valid @RequestBody NoteBody body) {
        return notes.share(caller, site, body.title(), body.content(), body.sources());
    }

    @Operation(summary = "R-OPS-5: the market notes of the week of a day (this week by default)")
    @GetMapping("/market-notes")
    public Flux<MarketNote> notesOfWeek(Caller caller, @PathVariable String site, @RequestParam(required = false) LocalDate day) {
        return notes.ofWeek(caller, site, day);
    }

    /** R-SEC-3: a phone named at the meeting is kept masked, never whole. */
    private static MeetingRecord.Mention mention(MentionBody m) {
        String masked = m.phone() == null || m.phone().isBlank() ? null : Phone.parse(m.phone()).masked();
        return new MeetingRecord.Mention(blankToNull(m.customerId()), blankToNull(m.archiveNo()), blankToNull(m.name()), masked,
                Boolean.TRUE.equals(m.newCustomer()), blankToNull(m.note()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
