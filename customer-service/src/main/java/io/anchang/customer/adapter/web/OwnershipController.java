package io.anchang.customer.adapter.web;

import io.anchang.customer.application.AttributingVisits;
import io.anchang.customer.application.Redistributing;
import io.anchang.customer.application.SettlingDisputes;
import io.anchang.customer.application.VerifyingComplaints;
import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** Who a customer belongs to when it is contested: complaints (R-ATT-6), disputes (R-ATT-16), redistribution (R-ATT-15). */
@RestController
@RequestMapping("/api/customers/sites/{site}")
public class OwnershipController {

    private final VerifyingComplaints complaints;
    private final SettlingDisputes disputes;
    private final Redistributing redistributing;
    private final AttributingVisits attributing;

    public OwnershipController(VerifyingComplaints complaints, SettlingDisputes disputes, Redistributing redistributing,
                               AttributingVisits attributing) {
        this.complaints = complaints;
        this.disputes = disputes;
        this.redistributing = redistributing;
        this.attributing = attributing;
    }

    public record Verification(@NotNull Boolean verified, @Size(max = 2000) String note) {
    }

    public record NewDispute(@NotNull @Size(min = 2, max = 10) List<@NotBlank String> parties, @NotBlank @Size(max = 2000) String reason) {
    }

    public record Ruling(@NotBlank String outcome, String ownerRep, List<@Valid @NotNull Share> shares,
                         @NotBlank @Size(max = 2000) String reason) {
    }

    public record NewDraw(@NotBlank String fromRep, @NotNull @Size(min = 1, max = 100) List<@NotBlank String> toReps, Long seed,
                          @NotBlank @Size(max = 500) String reason) {
    }

    @Operation(summary = "R-ATT-6: complaints awaiting a SUPERVISOR's verification")
    @GetMapping("/complaints")
    public Flux<Views.ComplaintView> pendingComplaints(Caller caller, @PathVariable String site) {
        return attributing.rules(caller, site).flatMapMany(rules -> complaints.awaiting(caller, site)
                .map(p -> Views.complaint(p.customer(), p.complaint(), rules)));
    }

    @Operation(summary = "R-ATT-6: a SUPERVISOR verifies or rejects a complaint")
    @PostMapping("/complaints/{complaintId}/verification")
    public Mono<Views.ComplaintView> verify(Caller caller, @PathVariable String site, @PathVariable String complaintId,
                                            @Valid @RequestBody Verification verification) {
        return attributing.rules(caller, site).flatMap(rules -> complaints.check(caller, site, complaintId,
                verification.verified(), verification.note()).map(p -> Views.complaint(p.customer(), p.complaint(), rules)));
    }

    @Operation(summary = "R-ATT-16: a rep brings a dispute over a customer")
    @PostMapping("/customers/{customerId}/disputes")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Views.DisputeView> openDispute(Caller caller, @PathVariable String site, @PathVariable String customerId,
                                               @Valid @RequestBody NewDispute dispute) {
        return disputes.open(caller, site, customerId, dispute.parties(), dispute.reason()).map(o -> Views.dispute(o.customer(), o.dispute()));
    }

    @Operation(summary = "R-ATT-16: the site's open disputes")
    @GetMapping("/disputes")
    public Flux<Views.DisputeView> openDisputes(Caller caller, @PathVariable String site) {
        return disputes.open(caller, site).map(o -> Views.dispute(o.customer(), o.dispute()));
    }

    @Operation(summary = "R-ATT-16: the MANAGER records the settlement or rules, with the reason")
    @PostMapping("/disputes/{disputeId}/ruling")
    public Mono<Views.DisputeView> rule(Caller caller, @PathVariable String site, @PathVariable String disputeId,
                                        @Valid @RequestBody Ruling ruling) {
        return disputes.rule(caller, site, disputeId, ruling.outcome(), ruling.ownerRep(), ruling.shares(), ruling.reason())
                .map(o -> Views.dispute(o.customer(), o.dispute()));
    }

    @Operation(summary = "R-ATT-15: the MANAGER redistributes a departing rep's customers by random draw (seed and result kept)")
    @PostMapping("/redistributions")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Views.DrawView> redistribute(Caller caller, @PathVariable String site, @Valid @RequestBody NewDraw draw) {
        return redistributing.draw(caller, site, draw.fromRep(), draw.toReps(), draw.seed(), draw.reason()).map(Views.DrawView::of);
    }

    @Operation(summary = "R-ATT-15: a draw with its seed and result")
    @GetMapping("/redistributions/{drawId}")
    public Mono<Views.DrawView> draw(Caller caller, @PathVariable String site, @PathVariable String drawId) {
        return redistributing.find(caller, site, drawId).map(Views.DrawView::of);
    }
}
