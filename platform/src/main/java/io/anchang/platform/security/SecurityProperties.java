package io.anchang.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * How a service checks tokens: keys from {@code jwkSetUri} (fetched on first use, so a
 * service may start before the identity provider), the exact {@code issuer}, the
 * {@code audience} the realm adds, and the clock skew allowed on expiry.
 *
 * @param publicPaths           paths served without a token (health probes, metrics, API documents — on the management port)
 * @param additionalPublicPaths paths a service serves without a token besides those (the web UI's files)
 * @param jwksRefreshInterval   at most one download of the identity provider's keys per this interval,
 *                              whatever tokens arrive (default 10 s)
 * @param jwksMaxAge            known keys are downloaded again after this long (default 10 min)
 * @param readOnlyPosts         POSTs that only read — a search whose input must not go in a URL (a phone, R-SEC-3) — which
 *                              anyone who may read the site may send (HEAD_OFFICE too); every other POST is a write
 */
@ConfigurationProperties("anchang.security")
public record SecurityProperties(String issuer, String jwkSetUri, String audience, Duration clockSkew,
                                 List<String> publicPaths, List<String> additionalPublicPaths,
                                 Duration jwksRefreshInterval, Duration jwksMaxAge, List<String> readOnlyPosts) {

    /**
     * Health probes, metrics and the API documents, all served on the management port only
     * (which the gateway does not route); the main port serves none of them.
     */
    public static final List<String> DEFAULT_PUBLIC_PATHS = List.of("/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/actuator/info", "/actuator/openapi", "/actuator/openapi/**",
            "/actuator/swagger-ui", "/actuator/swagger-ui/**");

    public SecurityProperties {
        if (audience == null || audience.isBlank()) {
            audience = "anchang";
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
        if (publicPaths == null || publicPaths.isEmpty()) {
            publicPaths = DEFAULT_PUBLIC_PATHS;
        }
        additionalPublicPaths = additionalPublicPaths == null ? List.of() : List.copyOf(additionalPublicPaths);
        readOnlyPosts = readOnlyPosts == null ? List.of() : List.copyOf(readOnlyPosts);
        if (jwksRefreshInterval == null) {
            jwksRefreshInterval = Duration.ofSeconds(10);
        }
        if (jwksMaxAge == null) {
            jwksMaxAge = Duration.ofMinutes(10);
        }
    }

    /** The public paths and those the service adds. */
    public List<String> allPublicPaths() {
        return java.util.stream.Stream.concat(publicPaths.stream(), additionalPublicPaths.stream()).distinct().toList();
    }
}
