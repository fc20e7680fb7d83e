package io.anchang.reception.adapter.web;

import io.anchang.platform.security.Caller;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.PolicyVersion;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;
import io.anchang.reception.application.ManagingSites;
import io.anchang.reception.domain.Site;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/** The site directory: sites, their staff roster and their policy settings (section P). */
@RestController
@RequestMapping("/api/reception/sites")
public class SiteController {

    private final ManagingSites managing;

    public SiteController(ManagingSites managing) {
        this.managing = managing;
    }

    public record NewSite(@NotBlank String code, @NotBlank @Size(max = 100) String name, String timeZone) {
    }

    public record SiteDetails(@NotBlank @Size(max = 100) String name, String timeZone) {
    }

    public record Staff(@NotNull @Size(max = 500) List<@Valid @NotNull Member> staff) {
    }

    public record Member(@NotBlank String userId, @NotBlank @Size(max = 50) String name, @NotNull Role role, Boolean active) {

        StaffMember toStaffMember() {
            return new StaffMember(userId, name, role, active == null || active);
        }
    }

    public record PolicyChange(@NotNull LocalDate effectiveFrom, @NotNull PolicySettings settings, @NotBlank String reason) {
    }

    /** The policy in force today and its whole history. */
    public record Policies(String site, PolicySettings current, List<PolicyVersion> versions) {
    }

    @Operation(summary = "Registers a site (an ADMIN of every site, *)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<SiteProfile> register(Caller caller, @Valid @RequestBody Mono<NewSite> site) {
        managing.requireRegistrar(caller); // R-SEC-1: refused before the body is read
        return site.flatMap(s -> managing.register(caller, s.code(), s.name(), s.timeZone())).map(Site::profile);
    }

    @Operation(summary = "The sites the caller belongs to (all of them for HEAD_OFFICE and an ADMIN of every site, *)")
    @GetMapping
    public Flux<SiteProfile> list(Caller caller) {
        return managing.list(caller).map(Site::profile);
    }

    @Operation(summary = "A site: name, time zone, staff and policy history")
    @GetMapping("/{site}")
    public Mono<SiteProfile> get(Caller caller, @PathVariable String site) {
        return managing.find(caller, site).map(Site::profile);
    }

    @Operation(summary = "Renames a site or changes its time zone (ADMIN)")
    @PutMapping("/{site}")
    public Mono<SiteProfile> rename(Caller caller, @PathVariable String site, @Valid @RequestBody SiteDetails details) {
        return managing.rename(caller, site, details.name(), details.timeZone()).map(Site::profile);
    }

    @Operation(summary = "Replaces the site's staff roster (ADMIN or the site's MANAGER)")
    @PutMapping("/{site}/staff")
    public Mono<SiteProfile> staff(Caller caller, @PathVariable String site, @Valid @RequestBody Staff staff) {
        return managing.replaceStaff(caller, site, staff.staff().stream().map(Member::toStaffMember).toList()).map(Site::profile);
    }

    @Operation(summary = "The policy settings in force today and their history")
    @GetMapping("/{site}/policies")
    public Mono<Policies> policies(Caller caller, @PathVariable String site) {
        return managing.find(caller, site).map(s -> policies(s));
    }

    @Operation(summary = "Changes policy settings from a day on (ADMIN or the site's MANAGER); audited with the reason")
    @PostMapping("/{site}/policies")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Policies> changePolicy(Caller caller, @PathVariable String site, @Valid @RequestBody PolicyChange change) {
        return managing.changePolicy(caller, site, change.effectiveFrom(), change.settings(), change.reason())
                .map(SiteController::policies);
    }

    private static Policies policies(Site site) {
        LocalDate today = site.today(java.time.Instant.now());
        return new Policies(site.code(), site.profile().policyOn(today), site.profile().policies());
    }
}
