package io.anchang.finance.adapter.web;

import io.anchang.finance.application.FinanceDesk;
import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.Tokens;
import io.anchang.platform.site.Role;
import io.anchang.platform.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * R-SEC-2 at the finance desk's door: every write under {@code /api/finance/sites/{site}/…} — recording a
 * payment, paying out, voiding, reversing, closing a day, a mortgage's progress — is FINANCE's alone. Any other
 * role is refused (403) before the site check, the controller or the body, and the attempt is written to the
 * security audit log with who tried: in the site's trail if the caller may read that site, else in the caller's
 * own site's (so that a stranger leaves no trace in a site that is not theirs).
 */
public final class FinanceOnlyWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(FinanceOnlyWebFilter.class);
    private static final PathPattern SITE_WRITES = PathPatternParser.defaultInstance.parse("/api/finance/sites/{site}/**");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ProblemResponses problems;
    private final AuditTrail audit;
    private final Clock clock;

    public FinanceOnlyWebFilter(ProblemResponses problems, AuditTrail audit, Clock clock) {
        this.problems = problems;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (READS.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        PathPattern.PathMatchInfo match = SITE_WRITES.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
        if (match == null) {
            return chain.filter(exchange);
        }
        String site = match.getUriVariables().get("site");
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> Tokens.caller(((JwtAuthenticationToken) auth).getToken()))
                .flatMap(caller -> caller.has(Role.FINANCE) ? chain.filter(exchange) : refuse(exchange, caller, site))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Caller caller, String site) {
        String path = exchange.getRequest().getPath().value();
        String trail = caller.scope().canRead(site) ? site : caller.scope().ownSites().stream().findFirst().orElse(null);
        Mono<Void> audited = trail == null ? Mono.empty() : audit.recordRefusal(new AuditRecord(UUID.randomUUID().toString(), trail, clock.instant(),
                caller.userId(), FinanceDesk.PAYMENT_REFUSED, path.length() > 200 ? path.substring(0, 200) : path, null,
                "{\"name\":\"" + caller.name().replace("\"", "'") + "\",\"roles\":\"" + caller.roles() + "\",\"method\":\""
                        + exchange.getRequest().getMethod().name() + "\"}",
                "R-SEC-2 只有财务可以收付款、作废、冲销、日结：" + caller.name() + "（" + caller.roles() + "）试图 "
                        + exchange.getRequest().getMethod().name() + " " + (path.length() > 200 ? path.substring(0, 200) : path)));
        return audited.doOnSuccess(done -> log.warn("R-SEC-2: {} ({}) tried {} {}; refused and audited", caller.userId(), caller.roles(),
                        exchange.getRequest().getMethod(), path))
                .then(problems.write(exchange, HttpStatus.FORBIDDEN, "finance-only", "Forbidden",
                        "只有财务可以收付款、作废、冲销和日结；此次尝试已记入安全审计 (Only FINANCE records money; this attempt was written to the security audit log)",
                        null));
    }

    /** Before the site check (order 0), after authentication. */
    @Override
    public int getOrder() {
        return -1;
    }
}
