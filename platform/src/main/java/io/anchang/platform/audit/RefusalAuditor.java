package io.anchang.platform.audit;

import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteAccessWebFilter;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.security.Tokens;
import io.anchang.platform.web.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.UUID;

/**
 * R-SEC-4 (decision): every 403 given to a signed-in caller — a site refused at the door, a role refused by the
 * security chain, a use case's refusal — goes to the security audit trail, rate limited and summarised
 * ({@link AuditTrail#recordRefusal}) so that a flood cannot crowd out the trail. Which trail: the site's the
 * request names if the caller may read that site, else the caller's own first site's — a stranger leaves no trace
 * in a site that is not theirs — and none if the caller has neither.
 */
public final class RefusalAuditor implements Refusals {

    public static final String ACTION = "security.access-refused";
    static final int LONGEST_PATH = 200;
    private static final Logger log = LoggerFactory.getLogger(RefusalAuditor.class);
    /** A service's own endpoints for another service name a site too. */
    private static final PathPattern INTERNAL_SITE_PATH = PathPatternParser.defaultInstance.parse("/api/{service}/internal/sites/{site}/**");

    private final AuditTrail trail;
    private final Clock clock;

    public RefusalAuditor(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public Mono<Void> audit(ServerWebExchange exchange, String problemType) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> Tokens.caller(((JwtAuthenticationToken) auth).getToken()))
                .flatMap(caller -> record(exchange, caller, problemType));
    }

    private Mono<Void> record(ServerWebExchange exchange, Caller caller, String problemType) {
        String site = site(exchange);
        return trailOf(caller, site).map(trailSite -> write(exchange, caller, problemType, site, trailSite))
                .defaultIfEmpty(Mono.fromRunnable(() -> log.warn("R-SEC-4: {} was refused {} {} and has no site whose trail could hold it",
                        caller.userId(), exchange.getRequest().getMethod(), cut(exchange.getRequest().getPath().value()))))
                .flatMap(write -> write);
    }

    private Mono<Void> write(ServerWebExchange exchange, Caller caller, String problemType, String site, String trailSite) {
        String method = exchange.getRequest().getMethod().name();
        String path = cut(exchange.getRequest().getPath().value());
        String type = problemType == null ? "forbidden" : cut(problemType);
        String after = "{\"name\":" + AuditRecord.json(caller.name()) + ",\"roles\":" + AuditRecord.json(String.valueOf(caller.roles()))
                + ",\"method\":" + AuditRecord.json(method) + ",\"path\":" + AuditRecord.json(path) + ",\"problem\":" + AuditRecord.json(type)
                + ",\"site\":" + AuditRecord.json(site == null ? null : cut(site)) + "}";
        String why = "R-SEC-4 拒绝：" + caller.name() + "（" + caller.roles() + "）试图 " + method + " " + path + "（" + type + "）"
                + " (refused: " + caller.userId() + " tried " + method + " " + path + ")";
        return trail.recordRefusal(new AuditRecord(UUID.randomUUID().toString(), trailSite, clock.instant(), caller.userId(),
                ACTION, path, null, after, why));
    }

    /**
     * The site's trail if it is one of the caller's own sites, or the caller may read it (HEAD_OFFICE, an ADMIN of every
     * site) and that site has a trail already — a made-up site name starts no trail; else the caller's own first
     * site's; empty if neither.
     */
    Mono<String> trailOf(Caller caller, String site) {
        Mono<String> own = Mono.justOrEmpty(caller.scope().ownSites().stream().filter(s -> !SiteScope.ALL_SITES.equals(s)).findFirst());
        if (site == null || !caller.scope().canRead(site)) {
            return own;
        }
        if (caller.scope().ownSites().contains(site)) {
            return Mono.just(site);
        }
        return trail.hasTrail(site).flatMap(exists -> exists ? Mono.just(site) : own);
    }

    private static String site(ServerWebExchange exchange) {
        String site = SiteAccessWebFilter.site(exchange);
        if (site != null) {
            return site;
        }
        PathPattern.PathMatchInfo match = INTERNAL_SITE_PATH.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
        return match == null ? null : match.getUriVariables().get("site");
    }

    private static String cut(String text) {
        return text.length() > LONGEST_PATH ? text.substring(0, LONGEST_PATH) : text;
    }
}
