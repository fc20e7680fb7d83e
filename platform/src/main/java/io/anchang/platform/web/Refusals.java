package io.anchang.platform.web;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * R-SEC-4: what writes a 403 given to a signed-in caller to the security audit trail. The audit module
 * implements it ({@code io.anchang.platform.audit.RefusalAuditor}); a service without a trail (the gateway)
 * has none. Called only for refusals, never on an allowed request.
 */
@FunctionalInterface
public interface Refusals {

    /** The exchange attribute that says the request's refusal is already on a trail: it is never written twice. */
    String AUDITED = Refusals.class.getName() + ".audited";

    /**
     * Writes (or counts, past the rate limit) the refusal of this request.
     *
     * @param problemType the refusal's problem slug ({@code site-access-denied}, {@code forbidden}, {@code role-required} …)
     */
    Mono<Void> audit(ServerWebExchange exchange, String problemType);
}
