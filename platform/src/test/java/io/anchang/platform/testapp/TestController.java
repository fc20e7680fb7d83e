package io.anchang.platform.testapp;

import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import io.anchang.platform.security.Streams;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Endpoints that exercise the platform's web side: the caller, site checks, input handling, load. */
@RestController
public class TestController {

    /** Collection the slow write endpoint writes to. */
    public static final String WRITES = "test_writes";

    /** What slow writes wait for after they wrote; a test completes it to let them answer. */
    public static volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    private final ReactiveMongoTemplate template;
    private final AuditTrail audit;

    public TestController(ReactiveMongoTemplate template, AuditTrail audit) {
        this.template = template;
        this.audit = audit;
    }

    /** The action the self-auditing refusal below writes. */
    public static final String SECRET_REFUSED = "security.test-secret-refused";

    /** For the MANAGER only: the role refused in the use case (403 role-required). */
    @GetMapping("/api/test/sites/{site}/managers-only")
    public Mono<String> managersOnly(Caller caller, @PathVariable String site) {
        caller.requireOn(site, Role.MANAGER);
        return Mono.just("ok");
    }

    /** What the security chain refuses to anyone but an ADMIN (see {@code TestApp#adminOnlyPath}). */
    @GetMapping("/api/test/sites/{site}/admin-only/things")
    public Mono<String> adminOnly(Caller caller, @PathVariable String site) {
        return Mono.just("ok");
    }

    /** A refusal its own use case audits (as a phone reveal does): on the trail once, never twice. */
    @GetMapping("/api/test/sites/{site}/secrets/{id}")
    public Mono<String> secret(Caller caller, @PathVariable String site, @PathVariable String id) {
        caller.scope().requireWrite(site);
        if (!caller.has(Role.MANAGER)) {
            return audit.recordRefusal(new AuditRecord(UUID.randomUUID().toString(), site, java.time.Instant.now(), caller.userId(),
                            SECRET_REFUSED, id, null, null, "R-SEC-4 test"))
                    .then(Mono.error(ProblemException.forbidden("secret-refused", "不可查看 (Not yours; audited)").audited()));
        }
        return Mono.just("secret");
    }

    public record Write(@NotBlank String requestId) {
    }

    /** Writes the request's id to the store at once, then answers when the gate opens. */
    @PostMapping("/api/test/sites/{site}/writes")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Write> write(Caller caller, @PathVariable String site, @Valid @RequestBody Write write) {
        caller.requireOn(site, Role.SALES);
        return template.insert(new Document("_id", write.requestId()).append("siteId", site), WRITES)
                .then(Mono.defer(() -> Mono.fromFuture(gate, true)))
                .thenReturn(write);
    }

    public record Order(@NotBlank String name, @NotNull Integer count, @NotNull Role role, @NotNull LocalDate day,
                        @NotNull List<String> items, BigDecimal amount) {
    }

    @GetMapping("/api/test/me")
    public Mono<Caller> me(Caller caller) {
        return Mono.just(caller);
    }

    @PostMapping("/api/test/sites/{site}/orders")
    public Mono<Order> order(Caller caller, @PathVariable String site, @Valid @RequestBody Order order) {
        caller.requireOn(site, Role.SALES);
        return Mono.just(order);
    }

    @GetMapping("/api/test/sites/{site}/orders/{id}")
    public Mono<String> byId(Caller caller, @PathVariable String site, @PathVariable UUID id) {
        return Mono.just(id.toString());
    }

    /** A live stream that would tick forever, ended at the token's expiry. */
    @GetMapping(value = "/api/test/sites/{site}/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<String> ticks(Caller caller, @PathVariable String site) {
        caller.scope().requireRead(site);
        return Streams.untilExpiry(Flux.interval(Duration.ZERO, Duration.ofMillis(200)).map(tick -> "tick " + tick));
    }

    /**
     * An answer whose headers (with its length) go out at once and whose body waits for the
     * gate: what a request caught by its deadline while its answer was being written looks like.
     */
    @GetMapping("/api/test/sites/{site}/half-written")
    public Mono<Void> halfWritten(Caller caller, @PathVariable String site, org.springframework.http.server.reactive.ServerHttpResponse response) {
        caller.scope().requireRead(site);
        byte[] first = "{\"part\":1,".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] rest = "\"rest\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(first.length + rest.length);
        return response.writeAndFlushWith(Flux.just(
                Mono.fromCallable(() -> response.bufferFactory().wrap(first)),
                Mono.defer(() -> Mono.fromFuture(gate, true)).then(Mono.fromCallable(() -> response.bufferFactory().wrap(rest)))));
    }

    @GetMapping("/api/test/boom")
    public Mono<String> boom() {
        return Mono.error(new IllegalStateException("a bug"));
    }
}
