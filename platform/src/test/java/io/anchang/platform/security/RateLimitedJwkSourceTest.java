package io.anchang.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9: tokens naming keys the identity provider never published cannot make a service
 * download the key set per request; real tokens are still accepted, and a rotated key is
 * picked up once the refresh interval has passed.
 */
class RateLimitedJwkSourceTest {

    static final Duration INTERVAL = Duration.ofSeconds(10);
    static RSAKey published;
    static RSAKey rotated;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final AtomicReference<JWKSet> served = new AtomicReference<>();
    final AtomicInteger endpointHits = new AtomicInteger();
    final RateLimitedJwkSource keys = new RateLimitedJwkSource(
            Mono.fromCallable(() -> {
                endpointHits.incrementAndGet();
                return served.get().toString();
            }), clock, INTERVAL, Duration.ofMinutes(10));
    final NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
            .jwsAlgorithm(SignatureAlgorithm.RS256).build();

    @BeforeAll
    static void keys() throws JOSEException {
        published = new RSAKeyGenerator(2048).keyID("published").generate();
        rotated = new RSAKeyGenerator(2048).keyID("rotated").generate();
    }

    @Test
    @DisplayName("10,000 tokens with random kids download the key set once per interval; real tokens pass meanwhile")
    void randomKidsDoNotDownloadPerRequest() {
        served.set(new JWKSet(published.toPublicJWK()));
        assertThat(decode(token(published, published.getKeyID())).getSubject()).isEqualTo("rep1");
        assertThat(endpointHits).hasValue(1);

        List<String> forged = Flux.range(0, 10_000).map(i -> forged(UUID.randomUUID().toString())).collectList().block();
        Long refused = Flux.fromIterable(forged)
                .flatMap(token -> decoder.decode(token).map(jwt -> false).onErrorReturn(JwtException.class, true), 64)
                .filter(Boolean::booleanValue).count().block();
        assertThat(refused).isEqualTo(10_000);
        assertThat(endpointHits).as("downloads within one interval").hasValue(1);
        assertThat(decode(token(published, published.getKeyID())).getSubject()).isEqualTo("rep1");

        clock.advance(INTERVAL.plusSeconds(1));
        Flux.fromIterable(forged.subList(0, 1000))
                .flatMap(token -> decoder.decode(token).onErrorResume(JwtException.class, e -> Mono.empty()), 64)
                .blockLast();
        assertThat(endpointHits).as("one more download after the interval, however many arrived").hasValue(2);
        assertThat(keys.downloads()).isEqualTo(2);
    }

    @Test
    @DisplayName("a rotated key is refused within the interval after a refresh and accepted once it has passed")
    void aRotatedKeyIsPickedUpAfterTheInterval() {
        served.set(new JWKSet(published.toPublicJWK()));
        decode(token(published, published.getKeyID()));
        served.set(new JWKSet(List.of(rotated.toPublicJWK(), published.toPublicJWK())));

        String signedWithNewKey = token(rotated, rotated.getKeyID());
        assertThatThrownBy(() -> decode(signedWithNewKey)).isInstanceOf(JwtException.class);
        assertThat(endpointHits).as("the refresh at the start counts; no second within the interval").hasValue(1);

        clock.advance(INTERVAL);
        assertThat(decode(signedWithNewKey).getSubject()).isEqualTo("rep1");
        assertThat(endpointHits).hasValue(2);
        assertThat(decode(token(published, published.getKeyID())).getSubject()).isEqualTo("rep1");
        assertThat(endpointHits).hasValue(2);
    }

    @Test
    @DisplayName("an identity provider that does not answer is asked again only after the interval")
    void aFailingDownloadIsRateLimitedToo() {
        served.set(null); // the endpoint fails
        assertThatThrownBy(() -> decode(token(published, published.getKeyID()))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decode(token(published, published.getKeyID()))).isInstanceOf(JwtException.class);
        assertThat(endpointHits).hasValue(1);
        served.set(new JWKSet(published.toPublicJWK()));
        clock.advance(INTERVAL);
        assertThat(decode(token(published, published.getKeyID())).getSubject()).isEqualTo("rep1");
        assertThat(endpointHits).hasValue(2);
    }

    private Jwt decode(String token) {
        return decoder.decode(token).block(Duration.ofSeconds(10));
    }

    /** A token naming a key nobody published; its signature need not be real, the key is looked up first. */
    private static String forged(String kid) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String claims = "{\"sub\":\"attacker\",\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}";
        return base64.encodeToString(header.getBytes()) + "." + base64.encodeToString(claims.getBytes()) + "."
                + base64.encodeToString(new byte[256]);
    }

    private String token(RSAKey key, String kid) {
        Instant now = Instant.now();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(),
                    new JWTClaimsSet.Builder().subject("rep1").issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
