package io.anchang.platform.security;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Event streams a user holds open (sales control's live board). Issue 9: a stream must not
 * outlive the token that opened it — it ends when the token expires, and the board
 * reconnects with a fresh token, which is checked again (a user who lost the site meanwhile
 * is refused then).
 */
public final class Streams {

    private Streams() {
    }

    /** {@code stream}, ended at the expiry of the request's token; at once if there is none or it has expired. */
    public static <T> Flux<T> untilExpiry(Flux<T> stream) {
        return untilExpiry(stream, Clock.systemUTC());
    }

    static <T> Flux<T> untilExpiry(Flux<T> stream, Clock clock) {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> {
                    Instant expiry = ((JwtAuthenticationToken) auth).getToken().getExpiresAt();
                    return expiry == null ? Duration.ZERO : Duration.between(clock.instant(), expiry);
                })
                .defaultIfEmpty(Duration.ZERO)
                .flatMapMany(left -> left.isNegative() || left.isZero() ? Flux.<T>empty() : stream.take(left));
    }
}
