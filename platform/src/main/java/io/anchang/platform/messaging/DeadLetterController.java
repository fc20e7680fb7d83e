package io.anchang.platform.messaging;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.ListLimit;
import io.swagger.v3.oas.annotations.Operation;
import org.apache.kafka.common.KafkaException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.Callable;

/** The service's dead letters for an ADMIN: what is there, and a replay after the fix (issue 10). */
@RestController
public class DeadLetterController {

    /** The most dead letters one answer lists. */
    public static final int MOST = 1000;

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "This service's dead letters, newest first, with how many wait for a replay")
    @GetMapping("${anchang.api.base-path}/dead-letters")
    public Mono<DeadLetters.Listing> list(Caller caller, @RequestParam(defaultValue = "200") int limit) {
        requireAdmin(caller);
        int most = ListLimit.of(limit, MOST);
        return blocking(() -> deadLetters.list(most));
    }

    @Operation(summary = "Applies every dead letter not replayed yet (once each, however often asked); says which still fail")
    @PostMapping("${anchang.api.base-path}/dead-letters/replay")
    public Mono<DeadLetters.Replay> replay(Caller caller) {
        requireAdmin(caller);
        return blocking(() -> deadLetters.replay(caller.userId()));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw ProblemException.forbidden("role-required",
                    "死信只由管理员(ADMIN)查看和重放 (Only an ADMIN sees and replays dead letters)");
        }
        // R-SEC-1: the dead letters are every site's events: only an ADMIN of every site sees or replays them
        caller.scope().requireWriteEverySite("查看和重放死信", "see and replay the dead letters");
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> e instanceof KafkaException || e instanceof IllegalStateException,
                        e -> new ProblemException(503, "dead-letters-unavailable", "Service Unavailable",
                                "消息队列或数据库暂时不可用，请稍后再试 (Kafka or the store is not reachable now; try again later): "
                                        + e.getMessage()));
    }
}
