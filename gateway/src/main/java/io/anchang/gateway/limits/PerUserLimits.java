package io.anchang.gateway.limits;

import io.anchang.platform.web.ProblemResponses;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 9, "one site can cut a service off for all sites": what one user may ask of the
 * services, counted at the gateway after the token is checked, keyed by the token's subject,
 * in memory (resilience4j's rate limiter, one per user; no shared store).
 * <ul>
 *   <li>at most {@link LimitsProperties#requestsPerPeriod()} API requests per
 *       {@link LimitsProperties#period()} — beyond, 429 with {@code Retry-After};</li>
 *   <li>at most {@link LimitsProperties#streamsPerUser()} event streams open at once (sales
 *       control's board) — another is answered 429 until one closes. A stream ends at the
 *       token's expiry (deal-service closes it); a user who lost the site is refused when the
 *       board reconnects with a new token.</li>
 * </ul>
 * Requests without a valid token never get here (401 before).
 */
public final class PerUserLimits implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(PerUserLimits.class);
    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final LimitsProperties properties;
    private final ProblemResponses problems;
    private final Clock clock;
    private final RateLimiterConfig config;
    private final List<PathPattern> streams;
    private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openStreams = new ConcurrentHashMap<>();

    public PerUserLimits(LimitsProperties properties, ProblemResponses problems, Clock clock) {
        this.properties = properties;
        this.problems = problems;
        this.clock = clock;
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(properties.requestsPerPeriod())
                .limitRefreshPeriod(properties.period())
                .timeoutDuration(Duration.ZERO)
                .build();
        this.streams = properties.streamPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!API.matches(path)) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> ((JwtAuthenticationToken) auth).getToken().getSubject())
                .filter(subject -> subject != null && !subject.isBlank())
                .flatMap(subject -> limit(subject, path, exchange, chain).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
                .then();
    }

    private Mono<Void> limit(String subject, PathContainer path, ServerWebExchange exchange, WebFilterChain chain) {
        Limiter limiter = limiters.computeIfAbsent(subject, s -> new Limiter(new AtomicRateLimiter("user:" + s, config)));
        limiter.lastUsed = clock.instant();
        forgetIdleUsers();
        if (!limiter.rate.acquirePermission()) {
            long nanos = limiter.rate.getDetailedMetrics().getNanosToWait();
            long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
            return tooMany(exchange, seconds, "您的请求过于频繁，请 " + seconds + " 秒后重试 (Too many requests from you; try again in "
                    + seconds + " s)", "rate-limited", subject);
        }
        if (streams.stream().noneMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        AtomicInteger open = openStreams.computeIfAbsent(subject, s -> new AtomicInteger());
        if (open.incrementAndGet() > properties.streamsPerUser()) {
            open.decrementAndGet();
            return tooMany(exchange, 30, "您已打开 " + properties.streamsPerUser() + " 个实时销控表，请先关闭一个 (You have "
                    + properties.streamsPerUser() + " live boards open already; close one first)", "too-many-streams", subject);
        }
        return chain.filter(exchange).doFinally(signal -> {
            if (open.decrementAndGet() <= 0) {
                openStreams.remove(subject, open);
            }
        });
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, long retryAfterSeconds, String detail, String slug, String subject) {
        log.warn("{} {} refused 429 ({}) for user {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                slug, subject);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, slug, "Too many requests", detail, null);
    }

    /** Users not seen for ten periods (and at least ten minutes) are forgotten once many are remembered. */
    private void forgetIdleUsers() {
        if (limiters.size() < properties.rememberedUsers()) {
            return;
        }
        Duration idle = properties.period().multipliedBy(10);
        Instant before = clock.instant().minus(idle.compareTo(Duration.ofMinutes(10)) < 0 ? Duration.ofMinutes(10) : idle);
        limiters.entrySet().removeIf(entry -> entry.getValue().lastUsed.isBefore(before));
    }

    @Override
    public int getOrder() {
        return 10; // after the token check and the site check
    }

    private static final class Limiter {
        final AtomicRateLimiter rate;
        volatile Instant lastUsed;

        Limiter(AtomicRateLimiter rate) {
            this.rate = rate;
        }
    }
}
