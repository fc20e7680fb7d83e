package io.anchang.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Where the web UI may call the gateway from.
 *
 * @param allowedOrigins exact origins ({@code scheme://host:port}) whose browser requests,
 *                       preflights included, the gateway answers with CORS headers
 */
@ConfigurationProperties("anchang.web")
public record WebUiProperties(List<String> allowedOrigins) {

    public WebUiProperties {
        allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty()
                ? List.of("http://localhost:8080", "http://localhost:5173")
                : List.copyOf(allowedOrigins);
    }
}
