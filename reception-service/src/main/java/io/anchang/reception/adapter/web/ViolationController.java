package io.anchang.reception.adapter.web;

import io.anchang.platform.security.Caller;
import io.anchang.reception.application.Informing;
import io.anchang.reception.application.RecordingViolations;
import io.anchang.reception.domain.InboxMessage;
import io.anchang.reception.domain.Violation;
import io.anchang.platform.problem.ProblemException;
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

/** Violations and their penalties (R-REC-4), and each user's inbox. */
@RestController
@RequestMapping("/api/reception/sites/{site}")
public class ViolationController {

    private final RecordingViolations violations;
    private final Informing informing;

    public ViolationController(RecordingViolations violations, Informing informing) {
        this.violations = violations;
        this.informing = informing;
    }

    public record NewViolation(@NotBlank String rep, @NotNull Violation.Kind kind, Violation.Severity severity,
                               @Size(max = 2000) String note, @Size(max = 50) String unitLabel, String visitId) {
    }

    @Operation(summary = "R-REC-4: a SUPERVISOR or MANAGER records a violation; the policy's penalty is recorded with it")
    @PostMapping("/violations")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Violation> record(Caller caller, @PathVariable String site, @Valid @RequestBody NewViolation v) {
        return violations.record(caller, site, v.rep(), v.kind(), v.severity(), v.note(), v.unitLabel(), v.visitId());
    }

    @Operation(summary = "R-REC-4: the site's recorded violations, newest first (SUPERVISOR, MANAGER)")
    @GetMapping("/violations")
    public Flux<Violation> list(Caller caller, @PathVariable String site) {
        return violations.list(caller, site);
    }

    @Operation(summary = "The caller's inbox at the site: what they must be told, newest first")
    @GetMapping("/inbox")
    public Flux<InboxMessage> inbox(Caller caller, @PathVariable String site) {
        return informing.mine(caller, site);
    }

    @Operation(summary = "Marks one of the caller's inbox messages read")
    @PostMapping("/inbox/{messageId}/read")
    public Mono<Void> read(Caller caller, @PathVariable String site, @PathVariable String messageId) {
        return informing.read(caller, site, messageId).flatMap(ok -> ok ? Mono.<Void>empty()
                : Mono.error(ProblemException.notFound("message-unknown", "您的收件箱中没有这条消息 (No such message in your inbox)")));
    }
}
