package io.anchang.platform.outbox;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.ListLimit;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.Callable;

/** The service's parked outbox events for an ADMIN: what the broker refused for good, and a republish after the fix (issue 10). */
@RestController
public class ParkedEventsController {

    /** The most parked events one answer lists or one republish takes. */
    public static final int MOST = 1000;

    private final ParkedEvents parked;

    public ParkedEventsController(ParkedEvents parked) {
        this.parked = parked;
    }

    @Operation(summary = "Outbox events the broker refused for good (parked), oldest first, with how many there are")
    @GetMapping("${anchang.api.base-path}/outbox/parked")
    public Mono<ParkedEvents.Listing> list(Caller caller, @RequestParam(defaultValue = "200") int limit) {
        requireAdmin(caller);
        int most = ListLimit.of(limit, MOST);
        return blocking(() -> parked.list(most));
    }

    @Operation(summary = "After the fix, puts the parked events back into their outboxes for the relay (each delivered once to its consumers; "
            + "one refused again is parked again)")
    @PostMapping("${anchang.api.base-path}/outbox/parked/republish")
    public Mono<ParkedEvents.Republish> republish(Caller caller, @RequestParam(defaultValue = "1000") int limit) {
        requireAdmin(caller);
        int most = ListLimit.of(limit, MOST);
        return blocking(() -> parked.republish(caller.userId(), most));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw ProblemException.forbidden("role-required",
                    "被拒收的事件只由管理员(ADMIN)查看和重新发布 (Only an ADMIN sees and republishes parked events)");
        }
        // R-SEC-1: the parked events are every site's: only an ADMIN of every site sees or republishes them
        caller.scope().requireWriteEverySite("查看和重新发布被拒收的事件", "see and republish the parked events");
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> !(e instanceof ProblemException),
                        e -> new ProblemException(503, "parked-events-unavailable", "Service Unavailable",
                                "数据库暂时不可用，请稍后再试 (The store is not reachable now; try again later)"));
    }
}
