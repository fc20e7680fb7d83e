package io.anchang.platform.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** R-SEC-4: how a refusal is audited before it is answered — once per request, and never at the cost of the 403. */
class RefusalAnswerTest {

    final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/test/sites/SH01/things"));

    @Test
    @DisplayName("R-SEC-4 a refusal is audited before its 403 is written, and only once however many paths ask")
    void auditedOnceBeforeTheAnswer() {
        AtomicInteger audited = new AtomicInteger();
        ProblemResponses problems = new ProblemResponses(JsonMapper.builder().build(), () -> (exchange, type) -> Mono.fromRunnable(() -> {
            assertThat(exchange.getResponse().isCommitted()).as("not answered before it is on the trail").isFalse();
            audited.incrementAndGet();
        }));
        problems.refuse(exchange, "site-access-denied", "Forbidden", "您无权访问 (no)").block(Duration.ofSeconds(5));
        problems.audit(exchange, "role-required").block(Duration.ofSeconds(5));
        assertThat(audited).hasValue(1);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    @DisplayName("R-SEC-4 a trail that cannot be written leaves the answer a 403 problem detail, never a 500")
    void aFailureToAuditIsNotA500() {
        ProblemResponses problems = new ProblemResponses(JsonMapper.builder().build(),
                () -> (exchange, type) -> Mono.error(new IllegalStateException("the store is away")));
        problems.refuse(exchange, "forbidden", "Forbidden", "您没有执行此操作的权限 (You may not do this)").block(Duration.ofSeconds(5));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).contains("urn:anchang:problem:forbidden");
    }

    @Test
    @DisplayName("a service that keeps no trail (the gateway) answers its 403 all the same")
    void noTrailNoAudit() {
        new ProblemResponses(JsonMapper.builder().build()).refuse(exchange, "forbidden", "Forbidden", "x").block(Duration.ofSeconds(5));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
