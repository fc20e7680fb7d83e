package io.anchang.platform.security;

import io.anchang.platform.web.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Every service, and the gateway, is an OAuth2 resource server that checks the token
 * itself — signature against the realm's keys, issuer, audience, expiry — and never
 * trusts the gateway alone. Realm roles become {@code ROLE_*} authorities.
 */
@AutoConfiguration
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class PlatformSecurityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) {
        Assert.hasText(properties.jwkSetUri(), "anchang.security.jwk-set-uri must be set");
        Assert.hasText(properties.issuer(), "anchang.security.issuer must be set");
        // keys cached; a token naming an unknown key cannot make the service download them more
        // often than once per interval (issue 9)
        RateLimitedJwkSource keys = RateLimitedJwkSource.fromUri(properties.jwkSetUri(), Clock.systemUTC(),
                properties.jwksRefreshInterval(), properties.jwksMaxAge());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(properties.clockSkew());
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(properties.audience()));
        OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(
                expiry, new JwtIssuerValidator(properties.issuer()), audience);
        decoder.setJwtValidator(claims);
        // the signature once per token, the claims on every use (issue 17)
        Duration remembered = properties.jwksMaxAge().compareTo(Duration.ofMinutes(5)) < 0 ? properties.jwksMaxAge() : Duration.ofMinutes(5);
        return new VerifiedTokens(decoder, claims, Clock.systemUTC(), remembered, 10_000);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain anchangSecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                                      SecurityProperties properties, ProblemResponses problems,
                                                      ObjectProvider<CorsConfigurationSource> cors,
                                                      ObjectProvider<AccessRules> rules) {
        // where the web UI calls from another origin (the gateway), preflights are answered before the token check
        CorsConfigurationSource corsSource = cors.getIfAvailable();
        if (corsSource != null) {
            http.cors(spec -> spec.configurationSource(corsSource));
        } else {
            http.cors(ServerHttpSecurity.CorsSpec::disable);
        }
        ServerAuthenticationEntryPoint unauthorized = (exchange, error) -> problems.write(exchange,
                HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", describe(error),
                "Bearer error=\"invalid_token\"");
        // R-SEC-4: a role refused at the door is audited before it is answered
        ServerAccessDeniedHandler forbidden = (exchange, denied) -> problems.refuse(exchange, "forbidden", "Forbidden",
                "您没有执行此操作的权限 (You may not do this)");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(properties.allPublicPaths().toArray(String[]::new)).permitAll();
                    rules.orderedStream().forEach(rule -> rule.accept(exchanges));
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(PlatformSecurityConfiguration::authenticate))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    static Mono<AbstractAuthenticationToken> authenticate(Jwt jwt) {
        List<SimpleGrantedAuthority> authorities = Tokens.roles(jwt).stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    private static String describe(AuthenticationException error) {
        String reason = error instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                ? oauth.getError().getDescription()
                : error.getMessage();
        return "请先登录，或重新登录 (Sign in again: " + (reason == null ? "no valid bearer token" : reason) + ")";
    }
}
