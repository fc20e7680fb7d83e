package io.anchang.platform.audit;

import io.anchang.platform.problem.ProblemException;
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

    @Operation(summary = "The latest audit entries of a site, newest first; with before=<seq>, those numbered below it "
            + "(to page back through the whole trail: pass the smallest seq of the last page)")
    @GetMapping("${anchang.api.base-path}/sites/{site}/audit")
    public Flux<AuditEntry> latest(Caller caller, @PathVariable String site,
                                   @RequestParam(defaultValue = "100") int limit,
                                   @RequestParam(required = false) Long before) {
        caller.requireOn(site, Role.MANAGER, Role.ADMIN); // R-SEC-1: an ADMIN too only of the sites of the token
        int bounded = ListLimit.of(limit, MOST);
        if (before == null) {
            return trail.latest(site, bounded);
        }
        if (before < 1) {
            throw ProblemException.invalid("before-invalid", "before 须是审计条目的序号（1 或更大），现为 " + before
                    + " (before must be an entry's sequence number, 1 or more, not " + before + ")");
        }
        return trail.before(site, before, bounded);
    }

    @Operation(summary = "Re-walks the site's hash chain and says whether any entry was changed or removed")
    @GetMapping("${anchang.api.base-path}/sites/{site}/audit/verification")
    public Mono<AuditVerification> verify(Caller caller, @PathVariable String site) {
        caller.requireOn(site, Role.MANAGER, Role.ADMIN);
        return trail.verify(site);
    }
}
