package io.anchang.customer.adapter.web;

import io.anchang.customer.application.AttributingVisits;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionApi;
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
import reactor.core.publisher.Mono;

/**
 * customer-service's endpoints for other services (R-SEC-1): flow 1's question, asked by reception-service's own
 * identity only ({@link ReceptionIdentity}); a user's token is refused at the door.
 */
@RestController
public class ServiceController {

    private static final int LONGEST_ID = 128;
    private static final int MOST_REPS = 200;

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
