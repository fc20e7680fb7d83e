package io.anchang.gateway.web;

import io.anchang.platform.security.SecurityProperties;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The web application's page, for {@code /} and — through {@link SinglePageRoutes} — for
 * each of its screens' addresses ({@code /desk}, {@code /board}, …), so that a screen can be
 * reloaded and bookmarked.
 *
 * <p>Its Content-Security-Policy lets the page load and run only what the gateway serves and
 * talk only to the gateway and the identity provider (keycloak-js refreshes tokens there).
 * {@code 'unsafe-eval'}: the screens' templates are compiled in the browser by Vue's full
 * build (no Node in the build); {@code 'unsafe-inline'} styles: Ant Design Vue writes its
 * styles at run time.
 */
@Hidden
@RestController
public class WebAppPageController {

    static final String PAGE = "/index.html";

    private final WebAppFiles files;
    private final String policy;

    public WebAppPageController(WebAppFiles files, SecurityProperties security) {
        this.files = files;
        this.policy = contentSecurityPolicy(origin(security.issuer()));
    }

    @GetMapping(path = {"/", PAGE}, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                // the page names the libraries' versions: a new release must reach the browser at once
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", policy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .body(files.page());
    }

    static String contentSecurityPolicy(String identityProvider) {
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self' 'unsafe-eval'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob:",
                "font-src 'self' data:",
                "connect-src 'self' " + identityProvider,
                "frame-src 'self' blob: " + identityProvider,
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self' " + identityProvider,
                "frame-ancestors 'none'");
    }

    /** {@code scheme://host[:port]} of the issuer. */
    static String origin(String issuer) {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
