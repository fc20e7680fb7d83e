package io.anchang.platform.audit;

import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.ListLimit;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The site's audit trail of this service, for its MANAGER and ADMIN: the latest entries and a check of the chain. */
@RestController
public class AuditController {

    /** The most entries one answer lists. */
    public static final int MOST = 1000;

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @Operation(summary = "The latest audit entries of a site, newest first")
    @GetMapping("${anchang.api.base-path}/sites/{site}/audit")
    public Flux<AuditEntry> latest(Caller caller, @PathVariable String site,
                                   @RequestParam(defaultValue = "100") int limit) {
        caller.requireOn(site, Role.MANAGER, Role.ADMIN); // R-SEC-1: an ADMIN too only of the sites of the token
        return trail.latest(site, ListLimit.of(limit, MOST));
    }

    @Operation(summary = "Re-walks the site's hash chain and says whether any entry was changed or removed")
    @GetMapping("${anchang.api.base-path}/sites/{site}/audit/verification")
    public Mono<AuditVerification> verify(Caller caller, @PathVariable String site) {
        caller.requireOn(site, Role.MANAGER, Role.ADMIN);
        return trail.verify(site);
    }
}
