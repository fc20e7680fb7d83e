package io.anchang.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant ISSUED = Instant.parse("2026-05-01T02:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(ISSUED);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicInteger signatureChecks = new AtomicInteger();
    /** Stands for the signature check: counts, and knows only tokens starting "signed-". */
    private final ReactiveJwtDecoder verifier = token -> {
        signatureChecks.incrementAndGet();
        if (!token.startsWith("signed-")) {
            return Mono.error(new org.springframework.security.oauth2.jwt.BadJwtException("bad signature"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("sh01-sales1")
                .issuedAt(ISSUED).expiresAt(ISSUED.plusSeconds(300)).build());
    };
    private JwtTimestampValidator expiry() {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(clock);
        return validator;
    }

    @Test
    void verifiesTheSignatureOfATokenOnceAndItsExpiryOnEveryUse() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, expiry(), clock, Duration.ofMinutes(10), 100);
        assertThat(tokens.decode("signed-a").block().getSubject()).isEqualTo("sh01-sales1");
        assertThat(tokens.decode("signed-a").block().getSubject()).isEqualTo("sh01-sales1");
        assertThat(signatureChecks).hasValue(1);

        now.set(ISSUED.plusSeconds(250));
        tokens.decode("signed-a").block();
        assertThat(signatureChecks).hasValue(1);
        now.set(ISSUED.plusSeconds(301)); // the token expired meanwhile
        assertThatThrownBy(() -> tokens.decode("signed-a").block()).isInstanceOf(JwtValidationException.class);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenDifferingInOneCharacterIsVerifiedAfreshAndABadOneIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, expiry(), clock, Duration.ofMinutes(5), 100);
        tokens.decode("signed-a").block();
        assertThatThrownBy(() -> tokens.decode("signed-A".replace("signed", "forged")).block()).hasMessageContaining("bad signature");
        assertThatThrownBy(() -> tokens.decode("forged-A").block()).hasMessageContaining("bad signature");
        assertThat(signatureChecks).hasValue(3);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void remembersAVerificationNoLongerThanItsMaximumAgeNorMoreTokensThanItsBound() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, expiry(), clock, Duration.ofSeconds(60), 2);
        tokens.decode("signed-a").block();
        now.set(ISSUED.plusSeconds(61));
        tokens.decode("signed-a").block(); // still valid, but verified again
        assertThat(signatureChecks).hasValue(2);
        tokens.decode("signed-b").block();
        tokens.decode("signed-c").block(); // the bound: the cache starts empty again
        assertThat(tokens.size()).isLessThanOrEqualTo(2);
    }
}
