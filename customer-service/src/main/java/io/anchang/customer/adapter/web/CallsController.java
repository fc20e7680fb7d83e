package io.anchang.customer.adapter.web;

import io.anchang.customer.application.ListingCalls;
import io.anchang.customer.application.RaisingQuestions;
import io.anchang.customer.domain.calls.CallList;
import io.anchang.customer.domain.tracking.Question;
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

import java.time.LocalDate;
import java.util.List;

/**
 * The MANAGER's call lists for invitations, signing and payment notices (R-OPS-4), and the objections and questions reps
 * take to the MANAGER (R-CUS-5).
 */
@RestController
@RequestMapping("/api/customers/sites/{site}")
public class CallsController {

    private final ListingCalls calls;
    private final RaisingQuestions questions;

    public CallsController(ListingCalls calls, RaisingQuestions questions) {
        this.calls = calls;
        this.questions = questions;
    }

    public record EntryBody(@NotBlank @PlainText(max = 64) String customer, @PlainText(max = 64) String caller, @PlainText(max = 500, multiline = true) String note) {
    }

    public record EntriesBody(@NotNull @Size(min = 1, max = ListingCalls.MAX_AT_ONCE) List<@Valid @NotNull EntryBody> entries) {
    }

    public record CallBody(@NotBlank @PlainText(max = 64) String customer, @NotNull CallList.Outcome outcome, @PlainText(max = 1000, multiline = true) String result) {
    }

    public record QuestionBody(@NotBlank @PlainText(max = 64) String customer, @NotNull Question.Kind kind, @NotBlank @PlainText(max = 2000, multiline = true) String text) {
    }

    public record AnswerBody(@NotBlank @PlainText(max = 4000, multiline = true) String answer) {
    }

    @Operation(summary = "R-OPS-4: the MANAGER puts customers on the day's list to call for a purpose (INVITATION, SIGNING, PAYMENT), "
            + "each called by their rep unless another is named; refused whole, naming them, for customers who withdrew consent (R-CUS-13)")
    @PostMapping("/call-lists/{day}/{purpose}/entries")
    public Mono<CallList> add(Caller caller, @PathVariable String site, @PathVariable LocalDate day, @PathVariable CallList.Purpose purpose,
                              @Valid @RequestBody EntriesBody body) {
        return calls.add(caller, site, day, purpose, body.entries().stream()
                .map(e -> new ListingCalls.Wanted(e.customer(), e.caller(), e.note())).toList());
    }

    @Operation(summary = "R-OPS-4: the call lists of a day (today by default): the MANAGER's whole, a rep's own calls; never a customer "
            + "who withdrew consent to be contacted")
    @GetMapping("/call-lists")
    public Flux<CallList> lists(Caller caller, @PathVariable String site, @RequestParam(required = false) LocalDate day) {
        return calls.ofDay(caller, site, day);
    }

    @Operation(summary = "R-OPS-4: the rep who calls (or the MANAGER) records how the call went")
    @PostMapping("/call-lists/{listId}/calls")
    public Mono<CallList> called(Caller caller, @PathVariable String site, @PathVariable String listId, @Valid @RequestBody CallBody body) {
        return calls.called(caller, site, listId, body.customer(), body.outcome(), body.result());
    }

    @Operation(summary = "R-CUS-5: the customer's rep flags an objection (抗性) or a question they cannot answer for the MANAGER")
    @PostMapping("/questions")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Question> raise(Caller caller, @PathVariable String site, @Valid @RequestBody QuestionBody body) {
        return questions.raise(caller, site, body.customer(), body.kind(), body.text());
    }

    @Operation(summary = "R-CUS-5: questions — the MANAGER's and SUPERVISOR's all, a rep's own; ?open=false for answered ones too; at most 500 — a list the limit cut answers X-Truncated: true and X-Limit")
    @GetMapping("/questions")
    public Mono<ResponseEntity<List<Question>>> questions(Caller caller, @PathVariable String site,
            @RequestParam(defaultValue = "true") boolean open, @RequestParam(required = false) @PlainText(max = 64) String customer) {
        return questions.list(caller, site, open, customer).map(CappedList::answer);
    }

    @Operation(summary = "R-CUS-5: the MANAGER answers")
    @PostMapping("/questions/{questionId}/answer")
    public Mono<Question> answer(Caller caller, @PathVariable String site, @PathVariable String questionId, @Valid @RequestBody AnswerBody body) {
        return questions.answer(caller, site, questionId, body.answer());
    }
}
