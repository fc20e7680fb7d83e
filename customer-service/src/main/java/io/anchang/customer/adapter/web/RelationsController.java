package io.anchang.customer.adapter.web;

import io.anchang.customer.application.HandlingFeedback;
import io.anchang.customer.application.OrganisingOccasions;
import io.anchang.customer.application.Referring;
import io.anchang.customer.application.Surveying;
import io.anchang.customer.domain.relations.Feedback;
import io.anchang.customer.domain.relations.Occasion;
import io.anchang.customer.domain.relations.Referral;
import io.anchang.customer.domain.relations.Survey;
import io.anchang.platform.money.AmountInput;
import io.anchang.platform.security.Caller;
import io.anchang.platform.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keeping customers and owners close: complaints and suggestions (R-CUS-9), satisfaction surveys (R-CUS-10), tours,
 * owner events and news (R-CUS-11), referrals and their rewards (R-CUS-12). Customers are named by id or archive number.
 */
@RestController
@RequestMapping("/api/customers/sites/{site}")
public class RelationsController {

    private final HandlingFeedback feedback;
    private final Surveying surveying;
    private final OrganisingOccasions occasions;
    private final Referring referring;

    public RelationsController(HandlingFeedback feedback, Surveying surveying, OrganisingOccasions occasions, Referring referring) {
        this.feedback = feedback;
        this.surveying = surveying;
        this.occasions = occasions;
        this.referring = referring;
    }

    /** @param customer the customer (id or archive number), or null with {@code contact} for someone not in the archive */
    public record FeedbackBody(@PlainText(max = 64) String customer, @PlainText(max = 100) String contact, @NotNull Feedback.Kind kind,
                               @NotNull Feedback.Channel channel, @PlainText(max = 100) String subject, @NotBlank @PlainText(max = 4000, multiline = true) String text,
                               @PlainText(max = 64) String assignTo) {
    }

    public record StepBody(@PlainText(max = 2000, multiline = true) String note, @PlainText(max = 64) String handTo) {
    }

    public record ResolutionBody(@NotBlank @PlainText(max = 4000, multiline = true) String resolution) {
    }

    public record SurveyBody(@NotBlank @PlainText(max = 64) String customer, @NotNull Survey.Audience audience, @NotNull Survey.Channel channel,
                             @NotNull @Size(min = 1, max = 4) Map<Survey.Topic, Integer> scores, @PlainText(max = 2000, multiline = true) String comments) {
    }

    public record OccasionBody(@NotNull Occasion.Kind kind, @NotBlank @PlainText(max = 100) String title, @PlainText(max = 4000, multiline = true) String description,
                               Instant startsAt, @PlainText(max = 200) String place) {
    }

    public record GuestsBody(@NotNull @Size(min = 1, max = OrganisingOccasions.MAX_AT_ONCE) List<@NotBlank @PlainText(max = 64) String> customers,
                             @NotNull Occasion.Channel channel) {
    }

    public record AnswerBody(@NotBlank @PlainText(max = 64) String customer, @NotNull Occasion.State state) {
    }

    public record ReferralBody(@NotNull Referral.Kind kind, @NotBlank @PlainText(max = 64) String referrer,
                               @NotBlank @PlainText(max = 64) String referred, @PlainText(max = 1000, multiline = true) String note) {
    }

    /** @param amount a cash reward in yuan ("500.00" or 500), at most 2 decimals */
    public record RewardBody(@NotNull Referral.RewardKind kind, @NotBlank @PlainText(max = 200, multiline = true) String description, Object amount) {
    }

    public record RewardStateBody(@NotNull Referral.RewardState state, @PlainText(max = 500, multiline = true) String note) {
    }

    // ------------------------------------------------------------------ R-CUS-9

    @Operation(summary = "R-CUS-9: a complaint or suggestion taken down — by phone, letter or in person — from a customer or someone named")
    @PostMapping("/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Feedback> receive(Caller caller, @PathVariable String site, @Valid @RequestBody FeedbackBody body) {
        return feedback.receive(caller, site, body.customer(), body.contact(), body.kind(), body.channel(), body.subject(), body.text(),
                body.assignTo());
    }

    @Operation(summary = "R-CUS-9: complaints and suggestions, newest first; ?status=OPEN|IN_PROGRESS|RESOLVED, ?customer=; at most 500 — a list the limit cut answers X-Truncated: true and X-Limit")
    @GetMapping("/feedback")
    public Mono<ResponseEntity<List<Feedback>>> feedback(Caller caller, @PathVariable String site,
            @RequestParam(required = false) Feedback.Status status, @RequestParam(required = false) @PlainText(max = 64) String customer) {
        return feedback.list(caller, site, status, customer).map(CappedList::answer);
    }

    @Operation(summary = "R-CUS-9: one complaint or suggestion with its steps")
    @GetMapping("/feedback/{feedbackId}")
    public Mono<Feedback> oneFeedback(Caller caller, @PathVariable String site, @PathVariable String feedbackId) {
        return feedback.one(caller, site, feedbackId);
    }

    @Operation(summary = "R-CUS-9: a step — what was done, and whom it goes to (handing on: SUPERVISOR or MANAGER; a note: whoever has it)")
    @PostMapping("/feedback/{feedbackId}/steps")
    public Mono<Feedback> step(Caller caller, @PathVariable String site, @PathVariable String feedbackId, @Valid @RequestBody StepBody body) {
        return feedback.progress(caller, site, feedbackId, body.note(), body.handTo());
    }

    @Operation(summary = "R-CUS-9: a SUPERVISOR or the MANAGER resolves it, with the resolution")
    @PostMapping("/feedback/{feedbackId}/resolution")
    public Mono<Feedback> resolve(Caller caller, @PathVariable String site, @PathVariable String feedbackId,
                                  @Valid @RequestBody ResolutionBody body) {
        return feedback.resolve(caller, site, feedbackId, body.resolution());
    }

    // ------------------------------------------------------------------ R-CUS-10

    @Operation(summary = "R-CUS-10: a satisfaction survey of a customer or owner by letter or phone, scores 1–5 per topic "
            + "(PROPERTY, SERVICE, CONSTRUCTION, OVERALL); not for a customer who withdrew consent to be contacted")
    @PostMapping("/surveys")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Survey> survey(Caller caller, @PathVariable String site, @Valid @RequestBody SurveyBody body) {
        return surveying.score(caller, site, body.customer(), body.audience(), body.channel(), body.scores(), body.comments());
    }

    @Operation(summary = "R-CUS-10: surveys of a period (the last 30 days by default), newest first; ?customer=")
    @GetMapping("/surveys")
    public Flux<Survey> surveys(Caller caller, @PathVariable String site, @RequestParam(required = false) Instant from,
                                @RequestParam(required = false) Instant to, @RequestParam(required = false) @PlainText(max = 64) String customer) {
        return surveying.list(caller, site, from, to, customer);
    }

    @Operation(summary = "R-CUS-10: the average score per topic of a period (SUPERVISOR, MANAGER)")
    @GetMapping("/surveys/summary")
    public Mono<Surveying.Summary> surveySummary(Caller caller, @PathVariable String site, @RequestParam(required = false) Instant from,
                                                 @RequestParam(required = false) Instant to) {
        return surveying.summary(caller, site, from, to);
    }

    // ------------------------------------------------------------------ R-CUS-11

    @Operation(summary = "R-CUS-11: a SUPERVISOR or the MANAGER announces a site tour, an owner event (with its time and place) or project news")
    @PostMapping("/occasions")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Occasion> announce(Caller caller, @PathVariable String site, @Valid @RequestBody OccasionBody body) {
        return occasions.announce(caller, site, body.kind(), body.title(), body.description(), body.startsAt(), body.place());
    }

    @Operation(summary = "R-CUS-11: the site's tours, events and news, newest first")
    @GetMapping("/occasions")
    public Flux<Occasion> occasions(Caller caller, @PathVariable String site) {
        return occasions.list(caller, site);
    }

    @Operation(summary = "R-CUS-11: one tour, event or piece of news with each customer's invitation, answer, attendance or sending")
    @GetMapping("/occasions/{occasionId}")
    public Mono<Occasion> occasion(Caller caller, @PathVariable String site, @PathVariable String occasionId) {
        return occasions.one(caller, site, occasionId);
    }

    @Operation(summary = "R-CUS-11: invites customers (a rep their own) or sends them the news; refused whole, naming them, if any "
            + "withdrew consent to be contacted (R-CUS-13)")
    @PostMapping("/occasions/{occasionId}/guests")
    public Mono<Occasion> invite(Caller caller, @PathVariable String site, @PathVariable String occasionId, @Valid @RequestBody GuestsBody body) {
        return occasions.reach(caller, site, occasionId, body.customers(), body.channel());
    }

    @Operation(summary = "R-CUS-11: a guest's answer (ACCEPTED, DECLINED) before it starts, or attendance (ATTENDED, ABSENT) once it has")
    @PostMapping("/occasions/{occasionId}/answers")
    public Mono<Occasion> answer(Caller caller, @PathVariable String site, @PathVariable String occasionId, @Valid @RequestBody AnswerBody body) {
        return occasions.answer(caller, site, occasionId, body.customer(), body.state());
    }

    // ------------------------------------------------------------------ R-CUS-12

    @Operation(summary = "R-CUS-12: who referred whom (REFERRAL, 老带新) or two customers introduced for business (CROSS_INTRODUCTION)")
    @PostMapping("/referrals")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Referral> refer(Caller caller, @PathVariable String site, @Valid @RequestBody ReferralBody body) {
        return referring.record(caller, site, body.kind(), body.referrer(), body.referred(), body.note());
    }

    @Operation(summary = "R-CUS-12: the site's referrals, newest first; ?customer= those a customer is part of; ?status=PROPOSED|APPROVED|GIVEN|PAID|DECLINED "
            + "and ?reward=GIFT|CASH by their reward; ?size= at most 1 to " + Referring.MAX_LIST + " (all up to that by default); a list the limit cut answers X-Truncated: true and X-Limit")
    @GetMapping("/referrals")
    public Mono<ResponseEntity<List<Referral>>> referrals(Caller caller, @PathVariable String site, @RequestParam(required = false) @PlainText(max = 64) String customer,
                                    @RequestParam(required = false) @PlainText(max = 20) String status,
                                    @RequestParam(required = false) @PlainText(max = 20) String reward,
                                    @RequestParam(required = false) Integer size) {
        return referring.list(caller, site, customer, status, reward, size).map(CappedList::answer);
    }

    @Operation(summary = "R-CUS-12: a rep proposes the referrer's reward — a GIFT described, or CASH with its amount")
    @PostMapping("/referrals/{referralId}/reward")
    public Mono<Referral> proposeReward(Caller caller, @PathVariable String site, @PathVariable String referralId,
                                        @Valid @RequestBody RewardBody body) {
        return referring.proposeReward(caller, site, referralId, body.kind(), body.description(),
                body.kind() == Referral.RewardKind.CASH ? AmountInput.positive(body.amount(), null, "amount") : null);
    }

    @Operation(summary = "R-CUS-12: the reward moves on — APPROVED or DECLINED (MANAGER), GIVEN (a gift: SUPERVISOR, MANAGER, ASSISTANT), "
            + "PAID (cash: FINANCE only, R-SEC-2; anyone else is refused and audited)")
    @PostMapping("/referrals/{referralId}/reward/state")
    public Mono<Referral> moveReward(Caller caller, @PathVariable String site, @PathVariable String referralId,
                                     @Valid @RequestBody RewardStateBody body) {
        return referring.moveReward(caller, site, referralId, body.state(), body.note());
    }
}
