package io.anchang.customer.adapter.web;

import io.anchang.customer.application.AttributingVisits;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionApi;
import io.anchang.platform.api.attribution.AttributionBatch;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * customer-service's endpoints for other services (R-SEC-1): flow 1's question, asked by reception-service's own
 * identity only ({@link ReceptionIdentity}); a user's token is refused at the door. The same questions asked together
 * ({@link AttributionBatch}, issue 17): a burst at the desk costs customer-service one request, one token check and one
 * JSON body per batch instead of per walk-in; each question is still decided alone.
 */
@RestController
public class ServiceController {

    private static final int LONGEST_ID = 128;
    private static final int MOST_REPS = 200;

    /**
     * Questions of one batch decided at once: each is its own store reads and one atomic write (R-ATT, R-CUS-3); questions
     * about the same customer meet at its conditional update and are retried, as when asked one by one.
     */
    private static final int BATCH_CONCURRENCY = 8;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServiceController.class);

    private final AttributingVisits attributing;

    public ServiceController(AttributingVisits attributing) {
        this.attributing = attributing;
    }

    @Operation(summary = "Flow 1 (reception-service's identity only, never a user's token): resolve the visitor or caller by phone "
            + "and apply the attribution rules once per visit id; the time is reception's clock, the acting user the one reception names")
    @PostMapping(AttributionApi.PATH)
    public Mono<AttributionAnswer> attribute(@AuthenticationPrincipal Jwt token, @PathVariable String site,
                                             @NotNull @RequestBody AttributionRequest request) {
        if (token == null || !ReceptionIdentity.isReception(token)) {
            // the door refuses these already (ReceptionIdentity.ONLY); this is the second look
            throw ProblemException.forbidden("service-only", "此接口只供前台服务调用 (Only reception-service's own identity may ask)");
        }
        bounded(request);
        return attributing.attribute(ReceptionIdentity.actingFor(request.actingUser(), site), site, request);
    }

    @Operation(summary = "Flow 1, a burst's questions together (reception-service's identity only): at most 50 of the site, each "
            + "decided on its own as by the single question; the outcomes in the questions' order, each an answer or its own problem")
    @PostMapping(AttributionBatch.PATH)
    public Mono<AttributionBatch.Outcomes> attributeAll(@AuthenticationPrincipal Jwt token, @PathVariable String site,
                                                        @NotNull @RequestBody AttributionBatch.Questions batch) {
        if (token == null || !ReceptionIdentity.isReception(token)) {
            // the door refuses these already (ReceptionIdentity.ONLY); this is the second look
            throw ProblemException.forbidden("service-only", "此接口只供前台服务调用 (Only reception-service's own identity may ask)");
        }
        if (batch.questions() == null || batch.questions().isEmpty()) {
            throw ProblemException.invalid("attribution-batch-empty", "批量核对没有任何来访 (The batch holds no question)");
        }
        if (batch.questions().size() > AttributionBatch.MOST) {
            throw ProblemException.invalid("attribution-batch-too-large", "一次最多核对 " + AttributionBatch.MOST + " 位来访，本次 "
                    + batch.questions().size() + " 位 (At most " + AttributionBatch.MOST + " questions in one batch)");
        }
        return Flux.fromIterable(batch.questions())
                .flatMapSequential(request -> one(site, request), BATCH_CONCURRENCY)
                .collectList()
                .map(AttributionBatch.Outcomes::new);
    }

    /** One question of a batch, to its own outcome: its refusal or failure stays its own. */
    private Mono<AttributionBatch.Outcome> one(String site, AttributionRequest request) {
        String visitId = request == null ? null : request.visitId();
        return Mono.defer(() -> {
                    if (request == null) {
                        throw ProblemException.invalid("attribution-invalid", "批量核对中有一项为空 (A question of the batch is empty)");
                    }
                    bounded(request);
                    return attributing.attribute(ReceptionIdentity.actingFor(request.actingUser(), site), site, request);
                })
                .map(answer -> new AttributionBatch.Outcome(visitId, answer, null))
                .onErrorResume(ProblemException.class, refused -> Mono.just(new AttributionBatch.Outcome(visitId, null,
                        new AttributionBatch.Problem(refused.status(), "urn:anchang:problem:" + refused.type(), refused.title(),
                                refused.detail()))))
                .onErrorResume(error -> !(error instanceof ProblemException), error -> {
                    log.warn("flow 1 question {} of {} in a batch failed: {}", visitId, site, error.toString());
                    return Mono.just(new AttributionBatch.Outcome(visitId, null, new AttributionBatch.Problem(503,
                            "urn:anchang:problem:attribution-failed", "Service Unavailable",
                            "客户服务暂时无法核对此来访 (customer-service could not decide this question now)")));
                });
    }

    private static void bounded(AttributionRequest request) {
        boolean tooLong = longer(request.visitId(), LONGEST_ID) || longer(request.phone(), 40) || longer(request.customerName(), 50)
                || longer(request.receivedBy(), LONGEST_ID) || longer(request.alreadyServedBy(), LONGEST_ID)
                || request.desk().reps().size() > MOST_REPS || request.statement().namedReps().size() > 10
                || longer(request.statement().complaint(), 1000);
        if (tooLong) {
            throw ProblemException.invalid("attribution-invalid", "来访登记的内容超出长度限制 (A field of the question is too long)");
        }
    }

    private static boolean longer(String value, int most) {
        return value != null && value.length() > most;
    }
}
