package io.anchang.platform.sitedirectory;

import io.anchang.platform.security.Caller;
import io.anchang.platform.site.SiteProfile;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** What this service knows of a site: the local copy it applies the site's settings from. */
@RestController
public class SiteProfileController {

    private final LocalSiteDirectory directory;

    public SiteProfileController(LocalSiteDirectory directory) {
        this.directory = directory;
    }

    @Operation(summary = "The site as this service knows it (time zone, staff, policy settings)")
    @GetMapping("${anchang.api.base-path}/sites/{site}/profile")
    public Mono<SiteProfile> profile(Caller caller, @PathVariable String site) {
        return directory.require(caller.scope(), site);
    }
}
