package io.anchang.gateway.config;

import io.anchang.gateway.edge.ServiceOnlyPaths;
import io.anchang.gateway.limits.LimitsProperties;
import io.anchang.gateway.limits.PerUserLimits;
import io.anchang.gateway.upstream.UpstreamGuardGatewayFilterFactory;
import io.anchang.platform.web.CorrelationId;
import io.anchang.platform.web.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * CORS for the web UI, each route's breaker and time limit, and what one user may ask.
 * The platform's security chain picks the CORS source up, so a preflight from an allowed
 * origin is answered before the token check and one from any other origin is refused with
 * 403. The services behind the gateway answer no CORS themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WebUiProperties.class, LimitsProperties.class})
public class GatewayConfiguration {

    /** {@code UpstreamGuard=<name>,<timeout>} on a route: its breaker counts only the service's own failures. */
    @Bean
    UpstreamGuardGatewayFilterFactory upstreamGuardGatewayFilterFactory(ObjectProvider<CircuitBreakerRegistry> breakers,
                                                                        ProblemResponses problems) {
        return new UpstreamGuardGatewayFilterFactory(breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults), problems);
    }

    @Bean
    ServiceOnlyPaths serviceOnlyPaths(ProblemResponses problems) {
        return new ServiceOnlyPaths(problems);
    }

    @Bean
    PerUserLimits perUserLimits(LimitsProperties limits, ProblemResponses problems, Clock clock) {
        return new PerUserLimits(limits, problems, clock);
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(WebUiProperties web) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(web.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, CorrelationId.HEADER));
        cors.setExposedHeaders(List.of(CorrelationId.HEADER));
        cors.setMaxAge(Duration.ofMinutes(30));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
