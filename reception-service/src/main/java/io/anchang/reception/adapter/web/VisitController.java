package io.anchang.reception.adapter.web;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.ClaimView;
import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;
import io.anchang.reception.application.ReceivingVisitors;
import io.anchang.reception.application.Sites;
import io.anchang.reception.application.Visits;
import io.anchang.reception.application.WorkingTheDesk;
import io.anchang.reception.domain.Visit;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The visitor register and the call register (R-REC-3): flow 1 from the desk, the queue, and the manager's views. */
@RestController
@RequestMapping("/api/reception/sites/{site}")
public class VisitController {

    private final ReceivingVisitors receiving;
    private final WorkingTheDesk desk;
    private final Visits visits;
    private final Sites sites;
    private final Clock clock;

    public VisitController(ReceivingVisitors receiving, WorkingTheDesk desk, Visits visits, Sites sites, Clock clock) {
        this.receiving = receiving;
        this.desk = desk;
        this.visits = visits;
        this.sites = sites;
        this.clock = clock;
    }

    private static final String REQUEST_ID = "[A-Za-z0-9._:-]{1,64}";

    /** What the desk enters for a walk-in: the phone and what the customer says (R-REC-5). */
    public record NewVisit(@NotBlank @Pattern(regexp = REQUEST_ID) String requestId, @NotBlank @Size(max = 40) String phone,
                           @Size(max = 50) String name, Boolean firstVisit, @Size(max = 10) List<@NotBlank String> namedReps,
                           String askedFor, Boolean refusesOwner, @Size(max = 1000) String complaint, Boolean forgotRep,
                           @Size(max = 40) String broughtByPhone, @Size(max = 40) String householdPhone, Boolean seekingDiscount,
                           String assignedTo, @Size(max = 1000) String note) {

        Statement statement() {
            return new Statement(firstVisit, namedReps, blank(askedFor), Boolean.TRUE.equals(refusesOwner), blank(complaint),
                    Boolean.TRUE.equals(forgotRep), blank(broughtByPhone), blank(householdPhone), Boolean.TRUE.equals(seekingDiscount),
                    blank(assignedTo));
        }
    }

    public record NewCall(@NotBlank @Pattern(regexp = REQUEST_ID) String requestId, @NotBlank @Size(max = 40) String phone,
                          @Size(max = 50) String name, String receivedBy, @Size(max = 1000) String note) {
    }

    public record Assignment(@NotBlank String rep) {
    }

    /** 客户离开/未接待, with what the desk wants to note (optional): 等候太久、改日再来 … */
    public record Departure(@Size(max = 500) String note) {
    }

    /**
     * A register entry, with the answer of the rules: who serves, whether a turn was used, which
     * rule decided it (its ID and a sentence), the claims, credit and bonus shares that now stand.
     */
    public record VisitView(String visitId, String requestId, Channel channel, LocalDate day, Instant at, String phone,
                            String customerName, String state, String stateName, String servedBy, boolean usedTurn,
                            boolean attributionPending, String customerId, String archiveNo, Boolean newCustomer, ServingRole role,
                            String ruleId, String rule, String ownerRep, String previousOwner, List<Share> shares,
                            List<ClaimView> claims, String complaintId, Instant servedAt, Instant seenOffAt, Long durationSeconds,
                            Instant leftAt, Long waitedSeconds, String turnGivenBackTo, String registeredBy, String namedTurnOf) {

        static VisitView of(Visit v) {
            AttributionAnswer a = v.answer();
            return new VisitView(v.id(), v.requestId(), v.channel(), v.day(), v.at(), v.phoneMasked(), v.customerName(), v.state().name(),
                    v.stateName(), v.servedBy(), v.usedTurn(), v.attributionPending(), a == null ? null : a.customerId(),
                    a == null ? null : a.archiveNo(), a == null ? null : a.newCustomer(), a == null ? null : a.role(),
                    a == null ? null : a.ruleId(), a == null ? unanswered(v) : a.rule(),
                    a == null ? null : a.ownerRep(), a == null ? null : a.previousOwner(), a == null ? List.of() : a.shares(),
                    a == null ? List.of() : a.claims(), a == null ? null : a.complaintId(), v.servedAt(), v.seenOffAt(),
                    v.durationSeconds(), v.leftAt(), v.waitedSeconds(), v.turnGivenBackTo(), v.registeredBy(),
                    a == null ? null : a.namedTurnOf());
        }

        /** The sentence for an entry without customer-service's answer: what happened to the customer, and what follows. */
        private static String unanswered(Visit v) {
            String pending = "客户资料暂未核对（客户服务未及时应答），";
            return switch (v.state()) {
                case SERVING, SEEN_OFF -> pending + "已按排序表接待，恢复后自动核对";
                case WAITING -> pending + "已排队等候接待，恢复后自动核对";
                case LEFT -> pending + "客户未经接待已离开，恢复后自动核对";
                case CALL -> pending + "来电已登记，恢复后自动核对";
                case RECEIVING -> "正在登记，稍后更新";
                case UNFINISHED -> "登记未完成：登记过程中系统中断，当日未能接待或排队，客户资料未核对，请经理核实后处理";
                case REJECTED -> "未登记：这次登记未被受理，未分配置业顾问";
            };
        }
    }

    @Operation(summary = "Flow 1: registers a walk-in with what the customer says; answers who serves and why (SALES, ASSISTANT; same requestId = same visit)")
    @PostMapping("/visits")
    public Mono<ResponseEntity<VisitView>> visit(Caller caller, @PathVariable String site, @Valid @RequestBody NewVisit visit) {
        return receiving.walkIn(caller, site, new ReceivingVisitors.WalkIn(visit.requestId(), visit.phone(), blank(visit.name()),
                        visit.statement(), visit.note()))
                .map(r -> ResponseEntity.status(r.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(VisitView.of(r.visit())));
    }

    @Operation(summary = "R-REC-3: registers an inbound call, taken by the rep who answered it (the evidence for R-ATT-1)")
    @PostMapping("/calls")
    public Mono<ResponseEntity<VisitView>> call(Caller caller, @PathVariable String site, @Valid @RequestBody NewCall call) {
        return receiving.call(caller, site, new ReceivingVisitors.Call(call.requestId(), call.phone(), blank(call.name()),
                        blank(call.receivedBy()), call.note()))
                .map(r -> ResponseEntity.status(r.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(VisitView.of(r.visit())));
    }

    @Operation(summary = "R-REC-3: a day's visitor and call registers (today by default); pending=true: visits whose attribution is pending")
    @GetMapping("/visits")
    public Flux<VisitView> visits(Caller caller, @PathVariable String site, @RequestParam(required = false) LocalDate day,
                                  @RequestParam(defaultValue = "false") boolean pending) {
        caller.scope().requireRead(site);
        if (pending && day == null) {
            return visits.pending(caller.scope(), site).map(VisitView::of);
        }
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> ProblemException.notFound("site-unknown",
                        "没有案场 " + Echo.of(site) + " (No site " + Echo.of(site) + ")")))
                .flatMapMany(known -> visits.of(caller.scope(), site, day == null ? known.today(clock.instant()) : day, pending))
                .map(VisitView::of);
    }

    @Operation(summary = "A register entry")
    @GetMapping("/visits/{visitId}")
    public Mono<VisitView> get(Caller caller, @PathVariable String site, @PathVariable String visitId) {
        caller.scope().requireRead(site);
        return visits.find(caller.scope(), site, visitId).switchIfEmpty(Mono.error(() -> ProblemException.notFound("visit-unknown",
                "没有这次来访登记 (No visit " + Echo.of(visitId) + " at this site)"))).map(s -> VisitView.of(s.value()));
    }

    @Operation(summary = "R-REC-2: 送客 — the serving rep sees the customer off; records how long it took; the next waiting customer is served")
    @PostMapping("/visits/{visitId}/see-off")
    public Mono<VisitView> seeOff(Caller caller, @PathVariable String site, @PathVariable String visitId) {
        return desk.seeOff(caller, site, visitId).map(VisitView::of);
    }

    @Operation(summary = "R-REC-8: the MANAGER gives a waiting customer to a free rep")
    @PostMapping("/queue/{visitId}/assignment")
    public Mono<VisitView> assign(Caller caller, @PathVariable String site, @PathVariable String visitId,
                                  @Valid @RequestBody Assignment assignment) {
        caller.requireOn(site, Role.MANAGER);
        return desk.assign(caller, site, visitId, assignment.rep()).map(VisitView::of);
    }

    @Operation(summary = "客户离开/未接待: a waiting customer left without being served; the queue moves on, the register keeps the entry marked as left with the time waited (SALES, ASSISTANT, SUPERVISOR, MANAGER)")
    @PostMapping("/queue/{visitId}/departure")
    public Mono<VisitView> departure(Caller caller, @PathVariable String site, @PathVariable String visitId,
                                     @Valid @RequestBody(required = false) Departure departure) {
        return desk.leave(caller, site, visitId, departure == null ? null : blank(departure.note())).map(VisitView::of);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
