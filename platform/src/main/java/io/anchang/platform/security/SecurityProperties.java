package io.anchang.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * How a service checks tokens: keys from {@code jwkSetUri} (fetched on first use, so a
 * service may start before the identity provider), the exact {@code issuer}, the
 * {@code audience} the realm adds, and the clock skew allowed on expiry.
 *
 * @param publicPaths paths served without a token (health probes, metrics, API documents)
 */
@ConfigurationProperties("anchang.security")
public record SecurityProperties(String issuer, String jwkSetUri, String audience, Duration clockSkew,
                                 List<String> publicPaths) {

    public SecurityProperties {
        if (audience == null || audience.isBlank()) {
            audience = "anchang";
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
        if (publicPaths == null || publicPaths.isEmpty()) {
            publicPaths = List.of("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                    "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                    "/webjars/**");
        }
    }
}
