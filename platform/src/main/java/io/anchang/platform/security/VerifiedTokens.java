package io.anchang.platform.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token check, its signature verified once per token: a user's token comes with every
 * request for its lifetime, and the RSA verification was the largest single cost of a request
 * in the gateway and in each service (issue 17's profile). The exact token text, signature
 * included, is the key: a token differing in one character is verified afresh. On every use
 * the claims are checked again (expiry, issuer, audience), so an expired token is refused as
 * before; an entry is kept at most {@code maxAge} (not longer than the key cache keeps a key)
 * and at most {@code maxEntries} tokens (then the cache starts empty again).
 */
public final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Clock clock;
    private final Duration maxAge;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Jwt jwt, Instant at) {
    }

    public VerifiedTokens(ReactiveJwtDecoder verifier, OAuth2TokenValidator<Jwt> claims, Clock clock, Duration maxAge, int maxEntries) {
        this.verifier = verifier;
        this.claims = claims;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Verified known = token == null ? null : verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.at().plus(maxAge))) {
                OAuth2TokenValidatorResult result = claims.validate(known.jwt());
                if (!result.hasErrors()) {
                    return Mono.just(known.jwt());
                }
                verified.remove(token);
                return Mono.error(new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors()));
            }
            verified.remove(token);
        }
        return verifier.decode(token).doOnNext(jwt -> {
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
            verified.put(token, new Verified(jwt, clock.instant()));
        });
    }

    /** How many tokens are remembered as verified (for tests). */
    int size() {
        return verified.size();
    }
}
