package io.anchang.platform.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The identity provider's signing keys, cached, with a refresh that nobody can force more
 * often than once per {@code minRefreshInterval} (issue 9: a bearer token naming an
 * unknown {@code kid} made every request download the key set).
 *
 * <p>A token whose key is in the cache is checked without any download. A token naming a
 * key that is not there triggers one refresh — unless a refresh ran (or was tried) within
 * the interval, then it is simply refused (401: no matching key). Concurrent misses share
 * one download. Keys older than {@code maxAge} are refreshed under the same limit, and kept
 * while the identity provider does not answer. A key rotated in by the identity provider is
 * therefore picked up at most one interval after the first token signed with it arrives.
 */
public final class RateLimitedJwkSource implements Function<SignedJWT, Flux<JWK>> {

    private static final Logger log = LoggerFactory.getLogger(RateLimitedJwkSource.class);

    private final Mono<String> download;
    private final Clock clock;
    private final Duration minRefreshInterval;
    private final Duration maxAge;
    private final AtomicLong downloads = new AtomicLong();

    private volatile Keys keys;
    private Instant lastAttempt;
    private Mono<JWKSet> inFlight;

    /**
     * @param download           fetches the JWKS document (JSON)
     * @param minRefreshInterval at most one download per this interval, whatever arrives
     * @param maxAge             keys older than this are refreshed (within the same limit)
     */
    public RateLimitedJwkSource(Mono<String> download, Clock clock, Duration minRefreshInterval, Duration maxAge) {
        this.download = download;
        this.clock = clock;
        this.minRefreshInterval = minRefreshInterval;
        this.maxAge = maxAge;
    }

    /** Keys from the identity provider's JWKS endpoint. */
    public static RateLimitedJwkSource fromUri(String jwkSetUri, Clock clock, Duration minRefreshInterval, Duration maxAge) {
        WebClient web = WebClient.create();
        Mono<String> download = web.get().uri(jwkSetUri).retrieve().bodyToMono(String.class).timeout(Duration.ofSeconds(10));
        return new RateLimitedJwkSource(download, clock, minRefreshInterval, maxAge);
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        Keys current = keys;
        if (current != null) {
            List<JWK> found = selector.select(current.set());
            if (!found.isEmpty()) {
                if (current.fetchedAt().plus(maxAge).isAfter(clock.instant())) {
                    return Flux.fromIterable(found);
                }
                // old but known: refresh if allowed, and keep using them if that fails
                return refreshIfAllowed().map(selector::select).defaultIfEmpty(found).flatMapMany(Flux::fromIterable);
            }
        }
        return refreshIfAllowed().map(selector::select).flatMapMany(Flux::fromIterable);
    }

    /** How many times the key set was downloaded (for tests and metrics). */
    public long downloads() {
        return downloads.get();
    }

    /** The running download, a new one if the interval allows, else nothing. */
    private synchronized Mono<JWKSet> refreshIfAllowed() {
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefreshInterval))) {
            return Mono.empty();
        }
        lastAttempt = now;
        Mono<JWKSet> fetch = Mono.defer(() -> {
                    downloads.incrementAndGet();
                    return download;
                })
                .map(RateLimitedJwkSource::parse)
                .doOnNext(set -> keys = new Keys(set, clock.instant()))
                .onErrorResume(error -> {
                    log.warn("could not download the identity provider's keys (next try in {} s at the earliest): {}",
                            minRefreshInterval.toSeconds(), error.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> finished())
                .cache();
        inFlight = fetch;
        return fetch;
    }

    private synchronized void finished() {
        inFlight = null;
    }

    private static JWKSet parse(String json) {
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("the identity provider's key set is not a JWKS document", e);
        }
    }

    private record Keys(JWKSet set, Instant fetchedAt) {
    }
}
