package io.anchang.platform.security;

import io.anchang.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * R-SEC-1 at the door: a request for {@code /api/<service>/sites/<site>/...} by a caller
 * who may not read (GET) or write (anything else) that site is answered 403 before any
 * controller, body parsing or validation runs. The use cases and the store check the
 * scope again; this only makes sure no route can forget. A POST the service names as a read
 * ({@code anchang.security.read-only-posts}: a search whose input must stay out of URLs) is
 * judged as a read, so that HEAD_OFFICE, which reads every site and writes none, may send it.
 * The refusal is audited before it is answered (R-SEC-4, {@link ProblemResponses#refuse}).
 */
public final class SiteAccessWebFilter implements WebFilter, Ordered {

    private static final List<PathPattern> SITE_PATHS = List.of(
            PathPatternParser.defaultInstance.parse("/api/{service}/sites/{site}"),
            PathPatternParser.defaultInstance.parse("/api/{service}/sites/{site}/**"));

    private final ProblemResponses problems;
    private final List<PathPattern> readOnlyPosts;

    public SiteAccessWebFilter(ProblemResponses problems) {
        this(problems, List.of());
    }

    public SiteAccessWebFilter(ProblemResponses problems, List<String> readOnlyPosts) {
        this.problems = problems;
        this.readOnlyPosts = readOnlyPosts.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String site = site(exchange);
        if (site == null) {
            return chain.filter(exchange);
        }
        HttpMethod method = exchange.getRequest().getMethod();
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                || HttpMethod.POST.equals(method) && readOnlyPosts.stream()
                .anyMatch(pattern -> pattern.matches(exchange.getRequest().getPath().pathWithinApplication()));
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> Tokens.caller(((JwtAuthenticationToken) auth).getToken()).scope())
                .map(scope -> read ? scope.canRead(site) : scope.canWrite(site))
                .defaultIfEmpty(true) // unauthenticated requests never get here past security; public paths have no site
                .flatMap(allowed -> allowed ? chain.filter(exchange)
                        : problems.refuse(exchange, "site-access-denied", "Forbidden", SiteScope.denied(site).detail()));
    }

    /** The site a request's path names ({@code /api/<service>/sites/<site>…}), or null. */
    public static String site(ServerWebExchange exchange) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern pattern : SITE_PATHS) {
            PathPattern.PathMatchInfo match = pattern.matchAndExtract(path);
            if (match != null) {
                return match.getUriVariables().get("site");
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
