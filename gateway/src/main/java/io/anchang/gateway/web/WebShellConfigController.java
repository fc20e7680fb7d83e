package io.anchang.gateway.web;

import io.anchang.platform.security.SecurityProperties;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /assets/config.json}: the shell's configuration, public like the shell's other
 * files under {@code /assets/**}. The issuer is the one the gateway checks tokens against
 * ({@code anchang.security.issuer}, env {@code ANCHANG_ISSUER}), so the shell signs in
 * exactly where the tokens it gets will be accepted; nothing of it is built into the files.
 */
@Hidden
@RestController
public class WebShellConfigController {

    private final WebShellConfig config;

    public WebShellConfigController(SecurityProperties security,
                                    @Value("${anchang.web.client-id:anchang-web}") String clientId) {
        Assert.hasText(security.issuer(), "anchang.security.issuer must be set");
        Assert.hasText(clientId, "anchang.web.client-id must not be blank");
        this.config = new WebShellConfig(stripTrailingSlash(security.issuer()), clientId);
    }

    @GetMapping(path = "/assets/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<WebShellConfig> config() {
        // a changed issuer must reach the browser on its next load
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }

    private static String stripTrailingSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
