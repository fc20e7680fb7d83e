package io.anchang.reception.adapter.web;

import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.security.Caller;
import io.anchang.reception.application.SettingRotation;
import io.anchang.reception.application.WorkingTheDesk;
import io.anchang.reception.domain.Rotation;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** R-REC-1, 2, 8, 9: the day's rotation (排序表) of a site — the desk's board — and the reps' presence. */
@RestController
@RequestMapping("/api/reception/sites/{site}")
public class RotationController {

    private final SettingRotation rotation;
    private final WorkingTheDesk desk;
    private final Clock clock;

    public RotationController(SettingRotation rotation, WorkingTheDesk desk, Clock clock) {
        this.rotation = rotation;
        this.desk = desk;
        this.clock = clock;
    }

    public record RotationOrder(@NotNull @Size(max = 100) List<@NotBlank String> reps) {
    }

    public record StatusChange(@NotNull RepStatus status) {
    }

    public record EventMode(@NotNull Boolean on, @Size(max = 500) String reason) {
    }

    public record RepRef(String userId, String name) {
    }

    public record Serving(String visitId, String customer, Instant since, long minutes, boolean usedTurn) {
    }

    /** A rep on the board: turn order, status (R-REC-2), owed turns, the customer being served. */
    public record RepView(String userId, String name, RepStatus status, String statusName, int owed, Serving serving) {
    }

    /** A customer waiting (R-REC-9) and for how long. */
    public record WaitingView(int position, String visitId, String customer, Instant since, long waitedSeconds,
                              String preferredRep, String preferredName, boolean newCustomer) {
    }

    /**
     * The board: who is up and on deck, the whole order with each rep's status and owed turns,
     * who is busy and who is out, and the queue with each wait.
     */
    public record RotationView(String site, LocalDate day, RepRef up, RepRef onDeck, List<RepView> order, List<RepRef> busy,
                               List<RepRef> out, List<WaitingView> queue, boolean eventMode, String setBy, long revision) {

        static RotationView of(Rotation r, Instant now) {
            List<RepView> order = r.order().stream().map(rep -> new RepView(rep.userId(), rep.name(), rep.status(),
                    rep.status().chinese(), rep.owed(), rep.serving() == null ? null : new Serving(rep.serving().visitId(),
                    rep.serving().customer(), rep.serving().since(),
                    Math.max(0, java.time.Duration.between(rep.serving().since(), now).toMinutes()), rep.serving().usedTurn()))).toList();
            List<WaitingView> queue = new java.util.ArrayList<>();
            for (int i = 0; i < r.queue().size(); i++) {
                Rotation.Waiting w = r.queue().get(i);
                queue.add(new WaitingView(i + 1, w.visitId(), w.customer(), w.since(), w.waited(now).toSeconds(), w.preferredRep(),
                        w.preferredRep() == null ? null : r.rep(w.preferredRep()).map(Rotation.Rep::name).orElse(w.preferredRep()),
                        w.usesTurn()));
            }
            return new RotationView(r.siteId(), r.day(), ref(r.up()), ref(r.onDeck()), order,
                    r.order().stream().filter(x -> x.status() == RepStatus.BUSY).map(RotationController::ref).toList(),
                    r.order().stream().filter(x -> x.status() == RepStatus.OUT).map(RotationController::ref).toList(),
                    queue, r.eventMode(), r.setBy(), r.revision());
        }
    }

    static RepRef ref(Rotation.Rep rep) {
        return rep == null ? null : new RepRef(rep.userId(), rep.name());
    }

    @Operation(summary = "Today's board in the site's calendar: up, on deck, each rep's status and owed turns, the queue")
    @GetMapping("/rotation")
    public Mono<RotationView> today(Caller caller, @PathVariable String site) {
        return rotation.today(caller, site).map(r -> RotationView.of(r, clock.instant()));
    }

    @Operation(summary = "The rotation of a day")
    @GetMapping("/rotations/{day}")
    public Mono<RotationView> get(Caller caller, @PathVariable String site, @PathVariable LocalDate day) {
        return rotation.get(caller, site, day).map(r -> RotationView.of(r, clock.instant()));
    }

    @Operation(summary = "R-REC-1: sets who is on duty on a day and in what order (the site's MANAGER)")
    @PutMapping("/rotations/{day}")
    public Mono<RotationView> set(Caller caller, @PathVariable String site, @PathVariable LocalDate day,
                                  @Valid @RequestBody RotationOrder order) {
        return rotation.set(caller, site, day, order.reps()).map(r -> RotationView.of(r, clock.instant()));
    }

    @Operation(summary = "R-REC-9: today's queue of waiting customers, in arrival order, with each wait")
    @GetMapping("/queue")
    public Flux<WaitingView> queue(Caller caller, @PathVariable String site) {
        return rotation.today(caller, site).flatMapIterable(r -> RotationView.of(r, clock.instant()).queue());
    }

    @Operation(summary = "R-REC-2: a rep goes OUT on company business or comes back AVAILABLE (the rep, or a SUPERVISOR)")
    @PutMapping("/reps/{rep}/status")
    public Mono<RotationView> status(Caller caller, @PathVariable String site, @PathVariable String rep,
                                     @Valid @RequestBody StatusChange change) {
        return desk.status(caller, site, rep, change.status()).map(r -> RotationView.of(r, clock.instant()));
    }

    @Operation(summary = "R-REC-8: the MANAGER suspends the rotation for an event (the MANAGER assigns) or resumes it")
    @PutMapping("/event-mode")
    public Mono<RotationView> eventMode(Caller caller, @PathVariable String site, @Valid @RequestBody EventMode mode) {
        return desk.eventMode(caller, site, mode.on(), mode.reason()).map(r -> RotationView.of(r, clock.instant()));
    }
}
